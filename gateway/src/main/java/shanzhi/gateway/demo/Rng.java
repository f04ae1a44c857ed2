package shanzhi.gateway.demo;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, purpose, index). Each village, year or table gets its
 * own stream, so a generator can be replayed for a second table (a child table written after its
 * parent) and changing one part of the generator does not shift the numbers of every other part.
 */
final class Rng {
    private Rng() {
    }

    static SplittableRandom stream(long seed, String purpose, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        // String.hashCode is specified by the JLS, so the stream does not vary between JVMs.
        h = mix(h ^ purpose.hashCode());
        h = mix(h ^ index);
        return new SplittableRandom(h);
    }

    /** Picks an index with probability proportional to weights[i]. */
    static int weighted(SplittableRandom rnd, double[] cumulative) {
        double r = rnd.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            c[i] = sum;
        }
        return c;
    }

    static boolean chance(SplittableRandom rnd, double p) {
        return rnd.nextDouble() < p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
