package shanzhi.api;

import java.time.LocalDate;

import shanzhi.schema.types.FilterMatch;

/**
 * The generalisations of schema/access.graphqls (@generalised(to: ...)): how the coarse value is
 * made from the whole one, and which filter bounds ask no more than the coarse value tells.
 */
public enum Generalisation {
    YEAR {
        @Override
        public Object apply(Object value) {
            return value instanceof LocalDate date ? date.getYear() : null;
        }

        @Override
        public boolean aligned(FilterMatch match, Object value) {
            if (!(value instanceof LocalDate date)) {
                return false;
            }
            return switch (match) {
                case AT_LEAST -> date.getDayOfYear() == 1;
                case AT_MOST -> date.getMonthValue() == 12 && date.getDayOfMonth() == 31;
                default -> false;
            };
        }

        @Override
        public String alignment(FilterMatch match) {
            return match == FilterMatch.AT_MOST ? "31 December of a year" : "1 January of a year";
        }
    };

    public abstract Object apply(Object value);

    /** A filter bound with this match and value selects whole units of the generalisation. */
    public abstract boolean aligned(FilterMatch match, Object value);

    /** What an aligned value is, for the message of a refused one. */
    public abstract String alignment(FilterMatch match);
}
