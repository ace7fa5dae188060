/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calendar dates are stored as ISO-8601 text, "YYYY-MM-DD"; moments as UTC
 * ISO-8601 text with seconds, "2026-11-22T01:40:34Z" (ARCHITECTURE.md,
 * "Storage"). These helpers convert between that text and GDate/GDateTime. */

/* Strict "YYYY-MM-DD" (exactly four, two and two ASCII digits, a real date,
 * year 1000-9999). On success fills @out; otherwise returns FALSE and
 * leaves @out cleared (invalid). */
gboolean   tonic_date_parse_iso          (const char  *text,
                                          GDate       *out);
/* "YYYY-MM-DD" for a valid @date (g_free()). */
char      *tonic_date_format_iso         (const GDate *date);
/* Today's date in the local time zone. */
void       tonic_date_set_today          (GDate       *out);
/* Completed years between @birth and @on (an age): the count goes up on the
 * birthday; someone born on 29 February turns a year older on 1 March in
 * common years. -1 when @on is before @birth. */
int        tonic_date_years_between      (const GDate *birth,
                                          const GDate *on);

/* A moment from ISO-8601 text with a time zone ("…Z", "…+01:00"),
 * converted to UTC; NULL when @text is not such a moment. */
GDateTime *tonic_time_parse_utc          (const char  *text);
/* @time in UTC as "YYYY-MM-DDTHH:MM:SSZ" (g_free()). */
char      *tonic_time_format_utc         (GDateTime   *time);

/* A short, translated elapsed time for timers on the Today board, in whole
 * minutes rounded down: "0 min", "12 min", "1 h 05 min", "26 h 00 min".
 * Negative values (a clock that went back) count as 0. (g_free()) */
char      *tonic_format_duration_short   (gint64       seconds);

G_END_DECLS
