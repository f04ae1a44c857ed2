package shanzhi.gateway.limits;

/**
 * Arithmetic that stops at Long.MAX_VALUE: a hostile document can nest pages of 100 deep enough
 * to overflow any integer, and an overflowed cost would look cheap.
 */
final class Saturating {
    private Saturating() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
