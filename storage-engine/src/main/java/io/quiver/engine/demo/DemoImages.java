package io.quiver.engine.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Small generated PNG images for the demo's BLOB column: a coloured shape on a noisy
 * background. Most are 24x24 thumbnails of a few hundred bytes (kept inline in data files);
 * every eighth is a noisier 48x48 image of several KiB (stored in blob packs).
 */
final class DemoImages {
    private DemoImages() {}

    /** {@code count} distinct images, the same for the same seed. */
    static byte[][] generate(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][];
        for (int i = 0; i < count; i++) {
            images[i] = png(i % 8 == 7 ? 48 : 24, i % 8 == 7 ? 96 : 12, random);
        }
        return images;
    }

    private static byte[] png(int size, int noise, Random random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Color base = new Color(random.nextInt(1 << 24));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, jitter(base, noise, random));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(1 << 24)));
        int d = size / 2;
        g.fillOval(random.nextInt(size - d), random.nextInt(size - d), d, d);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int jitter(Color c, int noise, Random random) {
        int r = clamp(c.getRed() + random.nextInt(noise + 1) - noise / 2);
        int g = clamp(c.getGreen() + random.nextInt(noise + 1) - noise / 2);
        int b = clamp(c.getBlue() + random.nextInt(noise + 1) - noise / 2);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Decodes a PNG, as a training job's decode hook would; returns its width and height. */
    static String dimensions(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not an image");
        }
        return image.getWidth() + "x" + image.getHeight();
    }
}
