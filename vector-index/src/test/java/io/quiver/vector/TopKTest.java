package io.quiver.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TopK keeps what sorting every candidate by (rank, id) and taking the first k keeps. */
class TopKTest {
    private static final Comparator<Neighbor> MODEL_ORDER =
            Comparator.comparingDouble(Neighbor::rank).thenComparingLong(Neighbor::id);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void keepsTheKNearestTiesToTheSmallerId(long seed) {
        Random random = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + random.nextInt(random.nextBoolean() ? 10 : 300);
            int candidates = random.nextInt(3 * k + 2);
            int distinctRanks = 1 + random.nextInt(20); // few ranks: many ties
            TopK top = new TopK(k);
            List<Neighbor> all = new ArrayList<>();
            for (int i = 0; i < candidates; i++) {
                long id = random.nextInt(1000) - 500L;
                float rank = random.nextInt(50) == 0 ? Float.NaN : random.nextInt(distinctRanks) - 5f;
                top.offer(id, rank);
                if (!Float.isNaN(rank)) {
                    all.add(new Neighbor(id, rank));
                }
            }
            all.sort(MODEL_ORDER);
            List<Neighbor> expected = all.subList(0, Math.min(k, all.size()));
            String where = "seed " + seed + " trial " + trial + " k " + k;
            assertEquals(expected, top.sorted(), where);
            assertEquals(expected, top.sorted(), where + ": sorted() leaves the heap as it was");
            if (all.size() >= k) {
                float worst = expected.get(k - 1).rank();
                assertTrue(top.competitive(worst), where);
                assertFalse(top.competitive(Math.nextUp(worst)), where);
            } else {
                assertTrue(top.competitive(Float.MAX_VALUE), where);
            }
        }
    }
}
