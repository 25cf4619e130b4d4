# shellcheck shell=bash
# Finds a JDK >= 25 and exports JAVA_HOME. Sourced by ./quiver (and thus by .ci/run);
# run it directly (bash .mvn/find-jdk.sh) to print the JDK it would pick.
#
# Order: JAVA_HOME if it is new enough, else the newest new-enough JDK among the usual
# install folders, else the `java` on PATH. QUIVER_JDK_SEARCH_PATH (colon-separated globs)
# replaces the folder list; it exists for testing the launcher.

QUIVER_MIN_JDK=25

# Prints the version string of the JDK at $1 ("25.0.3", "17.0.15", "1.8.0_412"): from its
# `release` file when it has one (starting a JVM per candidate costs ~0.1 s each, on every
# ./quiver command), else from `java -version`.
quiver_jdk_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local line
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=*) line=${line#JAVA_VERSION=}; line=${line//\"/}; [ -z "$line" ] || { echo "$line"; return 0; } ;;
      esac
    done <"$1/release"
  fi
  "$1/bin/java" -version 2>&1 | awk -F'"' '/ version "/ { print $2; exit }'
}

# Prints the feature (major) number of a version string: 25.0.3 -> 25, 1.8.0_412 -> 8, 26-ea -> 26.
quiver_jdk_major() {
  local v=${1#1.}
  v=${v%%[!0-9]*}
  echo "${v:-0}"
}

quiver_find_jdk() {
  local v d best="" best_v=""
  if [ -n "${JAVA_HOME:-}" ] && v=$(quiver_jdk_version "$JAVA_HOME") &&
     [ "$(quiver_jdk_major "$v")" -ge "$QUIVER_MIN_JDK" ]; then
    export JAVA_HOME
    return 0
  fi
  local IFS=:   # split the search path on ':'; each field is then glob-expanded
  local roots="${QUIVER_JDK_SEARCH_PATH-/usr/lib/jvm/*:/opt/java/*:/opt/*jdk*:$HOME/.sdkman/candidates/java/*:/Library/Java/JavaVirtualMachines/*/Contents/Home}"
  local java_on_path
  java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then   # last resort: <home>/bin/java behind the PATH symlinks
    java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")
    roots="$roots:${java_on_path%/bin/java}"
  fi
  for d in $roots; do
    v=$(quiver_jdk_version "$d") || continue
    [ -n "$v" ] || continue
    [ "$(quiver_jdk_major "$v")" -ge "$QUIVER_MIN_JDK" ] || continue
    # keep the newest (version sort); ties keep the first found
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_v" "$v" | sort -V | tail -n 1)" != "$best_v" ]; then
      best=$d best_v=$v
    fi
  done
  if [ -z "$best" ]; then
    echo "quiver: needs a JDK $QUIVER_MIN_JDK or newer (e.g. Temurin $QUIVER_MIN_JDK); set JAVA_HOME or install one under /usr/lib/jvm" >&2
    return 1
  fi
  export JAVA_HOME=$best
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then   # executed, not sourced
  quiver_find_jdk && echo "$JAVA_HOME"
fi
