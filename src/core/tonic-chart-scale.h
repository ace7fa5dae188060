/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tonic-instrument.h"

G_BEGIN_DECLS

/* The maths of Tonic's charts (CLINICAL.md, "Charts"), with no drawing:
 * scales from data values to pixels, axis ticks with their labels, the
 * nearest point under the pointer, and the severity bands of an
 * instrument. The chart widgets (src/gui/charts/) and the printed report
 * draw what these compute. Time on an outcome chart is a day number (the
 * Julian day of GDate, tonic_chart_day_number()); time on a vitals chart is
 * minutes from dose start. */

/* -- Scales ------------------------------------------------------------------- */

/**
 * TonicScale:
 * @domain_min: the data value drawn at @range_min
 * @domain_max: the data value drawn at @range_max
 * @range_min: its position in pixels
 * @range_max: likewise; may be less than @range_min (a y axis grows up)
 *
 * A linear map from data values to pixels. A domain of zero width maps
 * every value to the middle of the range.
 */
typedef struct
{
  double domain_min;
  double domain_max;
  double range_min;
  double range_max;
} TonicScale;

void     tonic_scale_init   (TonicScale       *scale,
                             double            domain_min,
                             double            domain_max,
                             double            range_min,
                             double            range_max);
/* The pixel position of @value (values outside the domain extrapolate). */
double   tonic_scale_map    (const TonicScale *scale,
                             double            value);
/* The value at pixel @position: the inverse of tonic_scale_map(); the
 * middle of the domain when the range has zero width. */
double   tonic_scale_invert (const TonicScale *scale,
                             double            position);

/* -- Ticks -------------------------------------------------------------------- */

/**
 * TonicChartTick:
 * @value: where it stands, in data units (a score, a day number, minutes)
 * @label: its text (owned by the array)
 *
 * One tick of an axis. The tick functions return a GArray of these, in
 * increasing order, that frees the labels itself (g_array_unref()).
 */
typedef struct
{
  double  value;
  char   *label;
} TonicChartTick;

/**
 * tonic_chart_nice_step:
 * @span: the width of the domain (max - min); not negative
 * @max_count: the most ticks wanted (at least 2)
 * @min_step: the smallest step allowed (1 for whole-number scores), or 0
 *
 * The smallest "nice" step (1, 2 or 5 times a power of ten) at least
 * @min_step that puts at most @max_count ticks on a domain of width @span
 * (its multiples inside the domain). A @span of 0 gives @min_step, or 1
 * when that is 0.
 */
double   tonic_chart_nice_step      (double      span,
                                     guint       max_count,
                                     double      min_step);

/**
 * tonic_chart_value_ticks:
 * @min: the low end of the domain
 * @max: the high end (not less than @min)
 * @max_count: the most ticks wanted (at least 2)
 * @min_step: as tonic_chart_nice_step()
 *
 * Ticks at every multiple of tonic_chart_nice_step() between @min and @max
 * inclusive, labelled with as many decimals as the step needs ("0", "5",
 * "2.5"; the locale's decimal separator; a minus sign "−" below zero).
 * A domain of zero width has one tick, at @min. (g_array_unref())
 */
GArray  *tonic_chart_value_ticks    (double      min,
                                     double      max,
                                     guint       max_count,
                                     double      min_step);

/* The units a date axis steps by. */
typedef enum
{
  TONIC_CHART_DATE_DAY,      /* at every (n-th) day */
  TONIC_CHART_DATE_WEEK,     /* on Mondays */
  TONIC_CHART_DATE_MONTH,    /* on the 1st */
  TONIC_CHART_DATE_QUARTER,  /* on 1 January, April, July and October */
  TONIC_CHART_DATE_YEAR,     /* on 1 January */
} TonicChartDateUnit;

/* A step of a date axis: @count @units (2 days, 1 week, 5 years). Day steps
 * of 2 count from the Julian day number's parity (so ticks stay put as the
 * domain scrolls); year steps start at multiples of @count. */
typedef struct
{
  TonicChartDateUnit unit;
  guint              count;
} TonicChartDateStep;

/* The day number of "YYYY-MM-DD" (its GDate Julian day, ≥ 1), or 0 when
 * @day is not such a date. Consecutive days differ by 1. */
guint32  tonic_chart_day_number     (const char *day);
/* The "YYYY-MM-DD" of a day number ≥ 1 (g_free()). */
char    *tonic_chart_day_string     (guint32     day_number);

/**
 * tonic_chart_date_ticks:
 * @first_day: the low end of the domain, a day number (may be fractional:
 *   a chart pads half a day on each side)
 * @last_day: the high end, not less than @first_day
 * @width: the axis length in pixels
 * @label_width: the pixels a label needs, space around it included
 * @step: (out) (optional): the step chosen
 *
 * Ticks on whole days between @first_day and @last_day inclusive, with the
 * shortest step among 1 day, 2 days, 1 week, 2 weeks, 1 month, 1 quarter,
 * 1, 2, 5, 10, 20, 50 … years that puts ticks at least @label_width apart
 * on the axis (counting the shortest month, quarter or year: 28, 90 and
 * 365 days); an empty domain steps by days. Labels are
 * translatable GLib date formats: "12 Mar" for day and week steps, "Mar
 * 2026" for months and quarters, "2026" for years. (g_array_unref())
 */
GArray  *tonic_chart_date_ticks     (double              first_day,
                                     double              last_day,
                                     double              width,
                                     double              label_width,
                                     TonicChartDateStep *step);

/**
 * tonic_chart_minute_ticks:
 * @min: the low end, in minutes from dose start (negative before it)
 * @max: the high end, not less than @min
 * @width: the axis length in pixels
 * @label_width: the pixels a label needs
 * @step: (out) (optional): the step chosen, in minutes
 *
 * Ticks at whole multiples of the shortest step among 1, 2, 5, 10, 15, 30,
 * 60, 120, 240, 480 and 1440 minutes whose spacing is at least
 * @label_width (the longest when none is), between @min and @max
 * inclusive. Labels are the minutes as numbers ("−10", "0", "30").
 * (g_array_unref())
 */
GArray  *tonic_chart_minute_ticks   (double      min,
                                     double      max,
                                     double      width,
                                     double      label_width,
                                     guint      *step);

/* -- Hover ---------------------------------------------------------------------- */

/**
 * tonic_chart_find_nearest:
 * @positions: (array length=n_positions): points' positions along the x
 *   axis in pixels, in increasing order (equal ones allowed)
 * @n_positions: how many
 * @x: the pointer's position
 * @max_distance: how far a point may be and still count (G_MAXDOUBLE: any)
 *
 * The index of the point nearest to @x (the first of equally near ones),
 * or -1 when there are none within @max_distance.
 */
int      tonic_chart_find_nearest   (const double *positions,
                                     guint         n_positions,
                                     double        x,
                                     double        max_distance);

/* -- Severity bands ------------------------------------------------------------- */

/**
 * TonicChartBand:
 * @index: the band's index in the instrument (tonic_instrument_get_band()),
 *   for its colour
 * @from: where it begins, clipped to the domain: the instrument's minimum
 *   for the first band, else halfway between the band's first score and
 *   the score below it (Mild of PHQ-9, scores 5–9, spans 4.5 to 9.5; a
 *   tenth-step BPI band half a tenth below its first score)
 * @to: where it ends, clipped to the domain: the next band's beginning, or
 *   the instrument's maximum for the last band
 * @start: tonic_scale_map() of @from
 * @end: tonic_scale_map() of @to
 * @label: the translated band name ("Moderate")
 */
typedef struct
{
  guint       index;
  double      from;
  double      to;
  double      start;
  double      end;
  const char *label;
} TonicChartBand;

/**
 * tonic_chart_get_bands:
 * @instrument: the instrument
 * @scale: the value axis; its domain may be in either order
 *
 * The severity bands of @instrument that overlap the domain of @scale, by
 * increasing score, each clipped to the domain; bands that would be empty
 * once clipped are left out. An instrument without bands gives an empty
 * array. (g_array_unref())
 */
GArray  *tonic_chart_get_bands      (TonicInstrument   instrument,
                                     const TonicScale *scale);

G_END_DECLS
