package io.cascade.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void binsAreOneMillisecondBelow32AndAtMostASixteenthOfTheirLatenciesAbove() {
        long lower = 0;
        int bin = 0;
        for (long ms = 1; ms <= 10_000_000; ms++) {
            int next = LatencyHistogram.bin(ms);
            assertThat(next).as("bins only grow, one at a time (%d ms)", ms).isIn(bin, bin + 1);
            if (next != bin) {
                long width = ms - lower;
                assertThat(width).as("bin ending at %d ms", ms).isLessThanOrEqualTo(Math.max(1, lower / 16));
                lower = ms;
                bin = next;
            }
        }
        assertThat(LatencyHistogram.bin(31)).isEqualTo(31);
        assertThat(LatencyHistogram.bin(-5)).as("clocks apart").isZero();
    }

    @Test
    void aPercentileIsPostgresqlsPercentileContWhenEveryBinHoldsOneValue() {
        List<LatencyHistogram.Bin> bins = histogram(100, 200, 300, 1000);

        // percentile_cont(0.5) and (0.95) over 100, 200, 300, 1000
        assertThat(LatencyHistogram.percentile(bins, 0.5)).isEqualTo(250);
        assertThat(LatencyHistogram.percentile(bins, 0.95)).isEqualTo(895);
        assertThat(LatencyHistogram.percentile(histogram(42), 0.95)).isEqualTo(42);
        assertThat(LatencyHistogram.percentile(List.of(), 0.5)).isNull();
    }

    @Test
    void aPercentileOfManyValuesIsWithinABinOfTheExactOne() {
        long[] values = new long[1999];
        for (int i = 0; i < values.length; i++) {
            values[i] = 40 + (i * 37L % 2000);
        }
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        List<LatencyHistogram.Bin> bins = histogram(values);

        for (double fraction : new double[] {0.5, 0.95}) {
            double position = fraction * (sorted.length - 1);
            double exact = sorted[(int) position] + (position - Math.floor(position))
                    * (sorted[(int) position + 1] - sorted[(int) position]);
            assertThat((double) LatencyHistogram.percentile(bins, fraction))
                    .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact / 16));
        }
    }

    private static List<LatencyHistogram.Bin> histogram(long... values) {
        Map<Integer, long[]> bins = new TreeMap<>();
        for (long ms : values) {
            long[] bin = bins.computeIfAbsent(LatencyHistogram.bin(ms), b -> new long[2]);
            bin[0]++;
            bin[1] += ms;
        }
        List<LatencyHistogram.Bin> ascending = new ArrayList<>();
        bins.forEach((bin, sums) -> ascending.add(new LatencyHistogram.Bin(bin, sums[0], sums[1])));
        return ascending;
    }
}
