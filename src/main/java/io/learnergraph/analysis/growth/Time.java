package io.learnergraph.analysis.growth;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Epoch minutes and the calendar periods (UTC) the growth views group by. */
public final class Time {

    public static final int DAY = 1440;
    public static final int WEEK = 7 * DAY;
    /** 1970-01-05, the first Monday after the epoch, in epoch minutes: weeks start on Mondays. */
    private static final int FIRST_MONDAY = 4 * DAY;

    /** Calendar periods a cohort view counts in. */
    public enum Period {
        WEEK, MONTH;

        /** The index of the period holding {@code minute}: weeks since the epoch's first Monday, or months since 1970-01. */
        public int index(int minute) {
            if (this == WEEK) {
                return Math.floorDiv(minute - FIRST_MONDAY, Time.WEEK);
            }
            LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(minute * 60L), ZoneOffset.UTC);
            return (d.getYear() - 1970) * 12 + d.getMonthValue() - 1;
        }

        /** The first minute of period {@code index}. */
        public int start(int index) {
            if (this == WEEK) {
                return FIRST_MONDAY + index * Time.WEEK;
            }
            LocalDate d = LocalDate.of(1970 + Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1, 1);
            return (int) (d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60);
        }
    }

    private Time() {
    }

    public static String iso(int minute) {
        return Instant.ofEpochSecond(minute * 60L).toString();
    }
}
