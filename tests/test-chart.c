/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tonic-chart-scale.h"

#define DAY(text) ((double) tonic_chart_day_number (text))

/* The ticks' labels joined by "|". */
static char *
join_labels (GArray *ticks)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, g_array_index (ticks, TonicChartTick, i).label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_labels (GArray     *ticks,
               const char *expected)
{
  g_autofree char *labels = join_labels (ticks);

  g_assert_cmpstr (labels, ==, expected);
}

static void
assert_values (GArray       *ticks,
               const double *expected,
               guint         n_expected)
{
  g_assert_cmpuint (ticks->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ticks, TonicChartTick, i).value,
                                    expected[i], 1e-9);
}

#define ASSERT_VALUES(ticks, ...) \
  assert_values (ticks, (const double[]) { __VA_ARGS__ }, \
                 G_N_ELEMENTS (((const double[]) { __VA_ARGS__ })))

static double
tick_value (GArray *ticks,
            guint   index)
{
  return g_array_index (ticks, TonicChartTick, index).value;
}

/* -- Scales --------------------------------------------------------------------- */

static void
test_scale (void)
{
  TonicScale x, y, flat, point;

  tonic_scale_init (&x, 0, 10, 100, 200);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, 0), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, 10), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, 2.5), 125, 1e-9);
  /* Outside the domain it extrapolates. */
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, -1), 90, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, 12), 220, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&x, 125), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&x, 90), -1, 1e-9);

  /* A y axis: 0 at the bottom (200 px), 27 at the top (20 px). */
  tonic_scale_init (&y, 0, 27, 200, 20);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&y, 0), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&y, 27), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&y, 9), 140, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&y, 140), 9, 1e-9);
  for (double v = 0; v <= 27; v += 0.5)
    g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&y, tonic_scale_map (&y, v)), v, 1e-9);

  /* One value in the domain: the middle of the range. */
  tonic_scale_init (&flat, 5, 5, 0, 300);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&flat, 5), 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&flat, 100), 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&flat, 17), 5, 1e-9);

  /* No pixels: inverting gives the middle of the domain. */
  tonic_scale_init (&point, 0, 10, 40, 40);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&point, 7), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_scale_invert (&point, 40), 5, 1e-9);

  /* Huge domains: day numbers of a lifetime, seconds. */
  tonic_scale_init (&x, 1e9, 2e9, 0, 1000);
  g_assert_cmpfloat_with_epsilon (tonic_scale_map (&x, 1.5e9), 500, 1e-6);
}

/* -- Value ticks ------------------------------------------------------------------ */

static void
test_nice_step (void)
{
  g_assert_cmpfloat (tonic_chart_nice_step (27, 6, 1), ==, 5);
  g_assert_cmpfloat (tonic_chart_nice_step (27, 10, 1), ==, 5);
  g_assert_cmpfloat (tonic_chart_nice_step (27, 28, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (27, 100, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (10, 6, 1), ==, 2);
  g_assert_cmpfloat (tonic_chart_nice_step (10, 5, 1), ==, 5);
  g_assert_cmpfloat (tonic_chart_nice_step (10, 11, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (80, 6, 1), ==, 20);
  g_assert_cmpfloat (tonic_chart_nice_step (60, 7, 1), ==, 10);
  g_assert_cmpfloat (tonic_chart_nice_step (92, 6, 1), ==, 20);
  g_assert_cmpfloat (tonic_chart_nice_step (10, 2, 0), ==, 10);
  g_assert_cmpfloat (tonic_chart_nice_step (1e6, 5, 0), ==, 5e5);
  g_assert_cmpfloat (tonic_chart_nice_step (1e9, 6, 0), ==, 2e8);
  g_assert_cmpfloat_with_epsilon (tonic_chart_nice_step (1, 6, 0), 0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (tonic_chart_nice_step (0.001, 3, 0), 0.0005, 1e-15);
  /* The smallest step wins over density. */
  g_assert_cmpfloat (tonic_chart_nice_step (1, 6, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (0.5, 6, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (4, 100, 2), ==, 2);
  /* Nothing to span. */
  g_assert_cmpfloat (tonic_chart_nice_step (0, 6, 0), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (0, 6, 1), ==, 1);
  g_assert_cmpfloat (tonic_chart_nice_step (0, 6, 2), ==, 2);
}

static void
test_value_ticks (void)
{
  g_autoptr(GArray) phq9 = tonic_chart_value_ticks (0, 27, 6, 1);
  g_autoptr(GArray) pain = tonic_chart_value_ticks (0, 10, 6, 1);
  g_autoptr(GArray) dense = tonic_chart_value_ticks (0, 10, 100, 1);
  g_autoptr(GArray) tenths = tonic_chart_value_ticks (0, 1, 6, 0);
  g_autoptr(GArray) signed_ticks = tonic_chart_value_ticks (-10, 10, 5, 0);
  g_autoptr(GArray) off_grid = tonic_chart_value_ticks (0.1, 0.3, 3, 0);
  g_autoptr(GArray) huge = tonic_chart_value_ticks (0, 1e9, 6, 0);
  g_autoptr(GArray) small = tonic_chart_value_ticks (-0.02, 0.03, 6, 0);
  g_autoptr(GArray) padded = tonic_chart_value_ticks (-0.5, 27.5, 6, 1);

  ASSERT_VALUES (phq9, 0, 5, 10, 15, 20, 25);
  assert_labels (phq9, "0|5|10|15|20|25");

  ASSERT_VALUES (pain, 0, 2, 4, 6, 8, 10);
  assert_labels (pain, "0|2|4|6|8|10");

  /* Never below the smallest step: whole-number scores keep whole ticks. */
  assert_labels (dense, "0|1|2|3|4|5|6|7|8|9|10");

  ASSERT_VALUES (tenths, 0, 0.2, 0.4, 0.6, 0.8, 1);
  assert_labels (tenths, "0.0|0.2|0.4|0.6|0.8|1.0");

  ASSERT_VALUES (signed_ticks, -10, -5, 0, 5, 10);
  assert_labels (signed_ticks, "\u221210|\u22125|0|5|10");

  /* 0.3 / 0.1 is 2.999…: the last tick is not lost to rounding. */
  ASSERT_VALUES (off_grid, 0.1, 0.2, 0.3);
  assert_labels (off_grid, "0.1|0.2|0.3");

  ASSERT_VALUES (huge, 0, 2e8, 4e8, 6e8, 8e8, 1e9);
  assert_labels (huge, "0|200000000|400000000|600000000|800000000|1000000000");

  ASSERT_VALUES (small, -0.02, -0.01, 0, 0.01, 0.02, 0.03);
  assert_labels (small, "\u22120.02|\u22120.01|0.00|0.01|0.02|0.03");

  /* A padded domain keeps ticks on the scores only. */
  assert_labels (padded, "0|5|10|15|20|25");
}

static void
test_value_ticks_single (void)
{
  g_autoptr(GArray) whole = tonic_chart_value_ticks (3, 3, 6, 1);
  g_autoptr(GArray) half = tonic_chart_value_ticks (2.5, 2.5, 6, 0);
  g_autoptr(GArray) zero = tonic_chart_value_ticks (0, 0, 2, 0);
  g_autoptr(GArray) negative = tonic_chart_value_ticks (-4, -4, 2, 0);

  ASSERT_VALUES (whole, 3);
  assert_labels (whole, "3");
  ASSERT_VALUES (half, 2.5);
  assert_labels (half, "2.5");
  assert_labels (zero, "0");
  assert_labels (negative, "\u22124");
}

/* Whatever the domain, ticks are consecutive multiples of the step, inside
 * the domain, no more than asked for, and the step is the smallest that
 * keeps to that. */
static void
test_value_ticks_random (void)
{
  for (guint trial = 0; trial < 2000; trial++)
    {
      double min = g_test_rand_double_range (-1000, 1000);
      double span = pow (10, g_test_rand_double_range (-3, 6));
      double max = min + span;
      guint max_count = (guint) g_test_rand_int_range (2, 20);
      g_autoptr(GArray) ticks = tonic_chart_value_ticks (min, max, max_count, 0);
      double step = tonic_chart_nice_step (span, max_count, 0);
      double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

      g_assert_cmpuint (ticks->len, <=, max_count);
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                     fabs (mantissa - 5) < 1e-6);
      for (guint i = 0; i < ticks->len; i++)
        {
          double value = tick_value (ticks, i);

          g_assert_cmpfloat (value, >=, min - step * 1e-6);
          g_assert_cmpfloat (value, <=, max + step * 1e-6);
          g_assert_cmpfloat (fabs (value / step - round (value / step)), <, 1e-6);
          if (i > 0)
            g_assert_cmpfloat_with_epsilon (value - tick_value (ticks, i - 1), step, step * 1e-6);
        }
      /* The next smaller nice step would put more than max_count ticks
       * on some domain of this width. */
      {
        double smaller = mantissa < 1.5 ? step / 2 : mantissa < 3 ? step / 2 : step * 2 / 5;

        g_assert_cmpfloat (floor (span / smaller + 1e-9) + 1, >, max_count);
      }
    }
}

/* -- Dates ---------------------------------------------------------------------------- */

static void
test_day_number (void)
{
  g_autofree char *back = NULL;
  g_autofree char *leap = NULL;

  g_assert_cmpuint (tonic_chart_day_number ("2026-03-12") - tonic_chart_day_number ("2026-03-11"), ==, 1);
  g_assert_cmpuint (tonic_chart_day_number ("2027-01-01") - tonic_chart_day_number ("2026-12-31"), ==, 1);
  g_assert_cmpuint (tonic_chart_day_number ("2028-03-01") - tonic_chart_day_number ("2028-02-28"), ==, 2);
  g_assert_cmpuint (tonic_chart_day_number ("2027-01-01") - tonic_chart_day_number ("2026-01-01"), ==, 365);

  g_assert_cmpuint (tonic_chart_day_number (NULL), ==, 0);
  g_assert_cmpuint (tonic_chart_day_number (""), ==, 0);
  g_assert_cmpuint (tonic_chart_day_number ("2026-02-30"), ==, 0);
  g_assert_cmpuint (tonic_chart_day_number ("2026-3-1"), ==, 0);
  g_assert_cmpuint (tonic_chart_day_number ("2026-03-01T10:00:00Z"), ==, 0);
  g_assert_cmpuint (tonic_chart_day_number ("12 March 2026"), ==, 0);

  back = tonic_chart_day_string (tonic_chart_day_number ("2026-03-12"));
  g_assert_cmpstr (back, ==, "2026-03-12");
  leap = tonic_chart_day_string (tonic_chart_day_number ("2028-02-28") + 1);
  g_assert_cmpstr (leap, ==, "2028-02-29");
}

static void
assert_date_step (const TonicChartDateStep *step,
                  TonicChartDateUnit        unit,
                  guint                     count)
{
  g_assert_cmpint (step->unit, ==, unit);
  g_assert_cmpuint (step->count, ==, count);
}

static void
test_date_ticks_one_day (void)
{
  double day = DAY ("2026-03-12");
  TonicChartDateStep step;
  g_autoptr(GArray) exact = tonic_chart_date_ticks (day, day, 300, 60, &step);
  g_autoptr(GArray) padded = NULL;
  g_autoptr(GArray) three = NULL;
  g_autoptr(GArray) between = NULL;

  assert_date_step (&step, TONIC_CHART_DATE_DAY, 1);
  ASSERT_VALUES (exact, day);
  assert_labels (exact, "12 Mar");

  /* A chart pads half a day either side. */
  padded = tonic_chart_date_ticks (day - 0.5, day + 0.5, 300, 60, &step);
  assert_date_step (&step, TONIC_CHART_DATE_DAY, 1);
  ASSERT_VALUES (padded, day);

  three = tonic_chart_date_ticks (day - 0.5, day + 2.5, 300, 60, NULL);
  assert_labels (three, "12 Mar|13 Mar|14 Mar");

  /* No whole day inside the domain: no tick. */
  between = tonic_chart_date_ticks (day + 0.2, day + 0.8, 300, 60, NULL);
  g_assert_cmpuint (between->len, ==, 0);
}

static void
test_date_ticks_days (void)
{
  double first = DAY ("2026-03-03"), last = DAY ("2026-03-12");
  TonicChartDateStep step;
  g_autoptr(GArray) daily = tonic_chart_date_ticks (first, last, 600, 60, &step);
  g_autoptr(GArray) every_other = NULL;
  g_autoptr(GArray) shifted = NULL;

  /* 9 days on 600 px: 66 px a day. */
  assert_date_step (&step, TONIC_CHART_DATE_DAY, 1);
  assert_labels (daily, "3 Mar|4 Mar|5 Mar|6 Mar|7 Mar|8 Mar|9 Mar|10 Mar|11 Mar|12 Mar");

  /* On 300 px, every other day; the same days whatever the domain's start. */
  every_other = tonic_chart_date_ticks (first, last, 300, 60, &step);
  assert_date_step (&step, TONIC_CHART_DATE_DAY, 2);
  g_assert_cmpuint (every_other->len, ==, 5);
  for (guint i = 0; i < every_other->len; i++)
    {
      g_assert_cmpfloat (fmod (tick_value (every_other, i), 2), ==, 0);
      if (i > 0)
        g_assert_cmpfloat (tick_value (every_other, i) - tick_value (every_other, i - 1), ==, 2);
    }
  shifted = tonic_chart_date_ticks (first + 1, last + 1, 300, 60, NULL);
  g_assert_cmpuint (shifted->len, ==, 5);
  for (guint i = 0; i < shifted->len; i++)
    g_assert_cmpfloat (fmod (tick_value (shifted, i), 2), ==, 0);
}

static void
test_date_ticks_weeks (void)
{
  double first = DAY ("2026-03-01"), last = DAY ("2026-05-31");
  TonicChartDateStep step;
  g_autoptr(GArray) weekly = tonic_chart_date_ticks (first, last, 800, 60, &step);
  g_autoptr(GArray) fortnightly = NULL;

  /* 91 days on 800 px: a week is 61 px. Mondays, from 2 March 2026. */
  assert_date_step (&step, TONIC_CHART_DATE_WEEK, 1);
  assert_labels (weekly, "2 Mar|9 Mar|16 Mar|23 Mar|30 Mar|6 Apr|13 Apr|20 Apr|27 Apr|"
                         "4 May|11 May|18 May|25 May");

  /* On 600 px a week is 46 px: every other Monday. */
  fortnightly = tonic_chart_date_ticks (first, last, 600, 60, &step);
  assert_date_step (&step, TONIC_CHART_DATE_WEEK, 2);
  g_assert_cmpuint (fortnightly->len, >=, 6);
  g_assert_cmpuint (fortnightly->len, <=, 7);
  for (guint i = 0; i < fortnightly->len; i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) tick_value (fortnightly, i));
      g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_MONDAY);
      if (i > 0)
        g_assert_cmpfloat (tick_value (fortnightly, i) - tick_value (fortnightly, i - 1), ==, 14);
    }
}

static void
test_date_ticks_months (void)
{
  TonicChartDateStep step;
  g_autoptr(GArray) year = tonic_chart_date_ticks (DAY ("2026-01-15"), DAY ("2027-01-14"),
                                                   600, 40, &step);
  g_autoptr(GArray) course = NULL;

  assert_date_step (&step, TONIC_CHART_DATE_MONTH, 1);
  assert_labels (year, "Feb 2026|Mar 2026|Apr 2026|May 2026|Jun 2026|Jul 2026|Aug 2026|"
                       "Sep 2026|Oct 2026|Nov 2026|Dec 2026|Jan 2027");
  g_assert_cmpfloat (tick_value (year, 0), ==, DAY ("2026-02-01"));
  g_assert_cmpfloat (tick_value (year, 11), ==, DAY ("2027-01-01"));

  /* 300 daily points over 300 days on 800 px. */
  course = tonic_chart_date_ticks (DAY ("2026-01-01") - 0.5, DAY ("2026-01-01") + 299.5,
                                   800, 50, &step);
  assert_date_step (&step, TONIC_CHART_DATE_MONTH, 1);
  assert_labels (course, "Jan 2026|Feb 2026|Mar 2026|Apr 2026|May 2026|Jun 2026|Jul 2026|"
                         "Aug 2026|Sep 2026|Oct 2026");
}

static void
test_date_ticks_quarters (void)
{
  TonicChartDateStep step;
  g_autoptr(GArray) ticks = tonic_chart_date_ticks (DAY ("2026-01-01"), DAY ("2027-12-31"),
                                                    600, 60, &step);

  assert_date_step (&step, TONIC_CHART_DATE_QUARTER, 1);
  assert_labels (ticks, "Jan 2026|Apr 2026|Jul 2026|Oct 2026|Jan 2027|Apr 2027|Jul 2027|Oct 2027");
  g_assert_cmpfloat (tick_value (ticks, 0), ==, DAY ("2026-01-01"));
  g_assert_cmpfloat (tick_value (ticks, 1), ==, DAY ("2026-04-01"));
}

static void
test_date_ticks_years (void)
{
  TonicChartDateStep step;
  g_autoptr(GArray) six = tonic_chart_date_ticks (DAY ("2020-06-01"), DAY ("2026-06-01"),
                                                  600, 60, &step);
  g_autoptr(GArray) centuries = NULL;
  g_autoptr(GArray) decade = NULL;

  assert_date_step (&step, TONIC_CHART_DATE_YEAR, 1);
  assert_labels (six, "2021|2022|2023|2024|2025|2026");
  g_assert_cmpfloat (tick_value (six, 0), ==, DAY ("2021-01-01"));

  /* 200 years: 20-year steps are 59.96 px, short of 60: 50 years. */
  centuries = tonic_chart_date_ticks (DAY ("1900-01-01"), DAY ("2100-01-01"), 600, 60, &step);
  assert_date_step (&step, TONIC_CHART_DATE_YEAR, 50);
  assert_labels (centuries, "1900|1950|2000|2050|2100");

  /* 28 years on 300 px: 5 years are 53 px, 2 years 21 px. */
  decade = tonic_chart_date_ticks (DAY ("2003-05-01"), DAY ("2031-05-01"), 300, 50, &step);
  assert_date_step (&step, TONIC_CHART_DATE_YEAR, 5);
  assert_labels (decade, "2005|2010|2015|2020|2025|2030");
}

static void
test_date_ticks_extremes (void)
{
  TonicChartDateStep step;
  double day = DAY ("2026-03-12");
  g_autoptr(GArray) no_width = tonic_chart_date_ticks (day, day + 30, 0, 60, &step);
  g_autoptr(GArray) no_label = NULL;

  /* No room at all: the longest step, and no tick in this century. */
  g_assert_cmpint (step.unit, ==, TONIC_CHART_DATE_YEAR);
  g_assert_cmpuint (no_width->len, ==, 0);

  /* Labels that take no room: every day. */
  no_label = tonic_chart_date_ticks (day, day + 30, 100, 0, &step);
  assert_date_step (&step, TONIC_CHART_DATE_DAY, 1);
  g_assert_cmpuint (no_label->len, ==, 31);
}

/* Ticks never come closer than a label's width, for any span from a day
 * to decades (a step's shortest instance is what counts). */
static void
test_date_ticks_spacing (void)
{
  double first = DAY ("2026-01-01");

  for (double span = 1; span < 40 * 365; span *= 1.37)
    for (double width = 120; width <= 1200; width *= 2)
      {
        g_autoptr(GArray) ticks = tonic_chart_date_ticks (first, first + span, width, 55, NULL);

        for (guint i = 1; i < ticks->len; i++)
          g_assert_cmpfloat ((tick_value (ticks, i) - tick_value (ticks, i - 1)) * width / span,
                             >=, 55 - 1e-6);
        /* And the step is not wasteful: at least one tick in any domain
         * of a few labels' width. */
        if (width >= 4 * 55 && span >= 2)
          g_assert_cmpuint (ticks->len, >=, 1);
      }
}

/* -- Minutes ----------------------------------------------------------------------------- */

static void
test_minute_ticks (void)
{
  guint step;
  g_autoptr(GArray) session = tonic_chart_minute_ticks (-10, 120, 650, 40, &step);
  g_autoptr(GArray) long_session = NULL;
  g_autoptr(GArray) single = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) squeezed = NULL;
  g_autoptr(GArray) quarter = NULL;

  g_assert_cmpuint (step, ==, 10);
  assert_labels (session, "\u221210|0|10|20|30|40|50|60|70|80|90|100|110|120");
  g_assert_cmpfloat (tick_value (session, 0), ==, -10);

  long_session = tonic_chart_minute_ticks (0, 240, 300, 40, &step);
  g_assert_cmpuint (step, ==, 60);
  assert_labels (long_session, "0|60|120|180|240");

  quarter = tonic_chart_minute_ticks (-15, 120, 400, 40, &step);
  g_assert_cmpuint (step, ==, 15);
  assert_labels (quarter, "\u221215|0|15|30|45|60|75|90|105|120");

  single = tonic_chart_minute_ticks (0, 0, 300, 40, &step);
  g_assert_cmpuint (step, ==, 1);
  assert_labels (single, "0");

  before = tonic_chart_minute_ticks (-5, -1, 100, 10, &step);
  g_assert_cmpuint (step, ==, 1);
  assert_labels (before, "\u22125|\u22124|\u22123|\u22122|\u22121");

  squeezed = tonic_chart_minute_ticks (0, 120, 0, 40, &step);
  g_assert_cmpuint (step, ==, 1440);
  assert_labels (squeezed, "0");
}

/* -- Hover ------------------------------------------------------------------------------- */

static void
test_find_nearest (void)
{
  const double three[] = { 10, 20, 30 };
  const double equal[] = { 10, 10, 20 };
  double many[300];

  g_assert_cmpint (tonic_chart_find_nearest (NULL, 0, 5, G_MAXDOUBLE), ==, -1);

  g_assert_cmpint (tonic_chart_find_nearest (three, 1, 500, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 5, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 10, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 14, G_MAXDOUBLE), ==, 0);
  /* Halfway: the earlier. */
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 15, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 16, G_MAXDOUBLE), ==, 1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 20, G_MAXDOUBLE), ==, 1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 25, G_MAXDOUBLE), ==, 1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 25.01, G_MAXDOUBLE), ==, 2);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 100, G_MAXDOUBLE), ==, 2);

  /* Within a distance only. */
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 15, 5), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 24.9, 5), ==, 1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 34, 5), ==, 2);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 35.5, 5), ==, -1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 4, 5), ==, -1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 20, 0), ==, 1);
  g_assert_cmpint (tonic_chart_find_nearest (three, 3, 20.5, 0), ==, -1);

  /* Points on the same day: the first of them. */
  g_assert_cmpint (tonic_chart_find_nearest (equal, 3, 10, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (equal, 3, 12, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (equal, 3, 15, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (equal, 3, 16, G_MAXDOUBLE), ==, 2);
  g_assert_cmpint (tonic_chart_find_nearest (equal, 3, 0, G_MAXDOUBLE), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = i * 2.0;
  g_assert_cmpint (tonic_chart_find_nearest (many, 300, 301, G_MAXDOUBLE), ==, 150);
  g_assert_cmpint (tonic_chart_find_nearest (many, 300, 301.2, G_MAXDOUBLE), ==, 151);
  g_assert_cmpint (tonic_chart_find_nearest (many, 300, -3, G_MAXDOUBLE), ==, 0);
  g_assert_cmpint (tonic_chart_find_nearest (many, 300, 1000, G_MAXDOUBLE), ==, 299);
  g_assert_cmpint (tonic_chart_find_nearest (many, 300, 1000, 3), ==, -1);
  for (guint i = 0; i < 300; i++)
    g_assert_cmpint (tonic_chart_find_nearest (many, 300, i * 2.0 + 0.9, 1), ==, (int) i);
}

/* -- Bands -------------------------------------------------------------------------------- */

static const TonicChartBand *
band_at (GArray *bands,
         guint   index)
{
  return &g_array_index (bands, TonicChartBand, index);
}

static void
assert_band (GArray     *bands,
             guint       index,
             guint       band_index,
             double      from,
             double      to,
             const char *label)
{
  const TonicChartBand *band = band_at (bands, index);

  g_assert_cmpuint (band->index, ==, band_index);
  g_assert_cmpfloat_with_epsilon (band->from, from, 1e-9);
  g_assert_cmpfloat_with_epsilon (band->to, to, 1e-9);
  g_assert_cmpstr (band->label, ==, label);
}

static void
test_bands (void)
{
  TonicScale scale;
  g_autoptr(GArray) phq9 = NULL;
  g_autoptr(GArray) clipped = NULL;
  g_autoptr(GArray) reversed = NULL;
  g_autoptr(GArray) mild = NULL;
  g_autoptr(GArray) above = NULL;
  g_autoptr(GArray) outside = NULL;
  g_autoptr(GArray) madrs = NULL;
  g_autoptr(GArray) cssrs = NULL;

  /* PHQ-9 on a y axis from 200 px (0) up to 20 px (27). */
  tonic_scale_init (&scale, 0, 27, 200, 20);
  phq9 = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (phq9->len, ==, 5);
  assert_band (phq9, 0, 0, 0, 4.5, "None–minimal");
  assert_band (phq9, 1, 1, 4.5, 9.5, "Mild");
  assert_band (phq9, 2, 2, 9.5, 14.5, "Moderate");
  assert_band (phq9, 3, 3, 14.5, 19.5, "Moderately severe");
  assert_band (phq9, 4, 4, 19.5, 27, "Severe");
  g_assert_cmpfloat_with_epsilon (band_at (phq9, 0)->start, 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (phq9, 0)->end, 170, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (phq9, 1)->start, 170, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (phq9, 1)->end, 200 - 9.5 * 180 / 27, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (phq9, 4)->end, 20, 1e-9);
  /* Bands tile the axis. */
  for (guint i = 1; i < phq9->len; i++)
    g_assert_cmpfloat (band_at (phq9, i)->start, ==, band_at (phq9, i - 1)->end);
  /* Every score sits inside the band it belongs to. */
  for (double score = 0; score <= 27; score++)
    {
      guint expected = tonic_instrument_find_band (TONIC_INSTRUMENT_PHQ9, score);
      const TonicChartBand *band = band_at (phq9, expected);

      g_assert_cmpfloat (score, >=, band->from);
      g_assert_cmpfloat (score, <=, band->to);
      g_assert_true (score == 0 || score == 27 || (score > band->from && score < band->to));
    }

  /* A zoomed domain clips. */
  tonic_scale_init (&scale, 7, 17, 100, 0);
  clipped = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (clipped->len, ==, 3);
  assert_band (clipped, 0, 1, 7, 9.5, "Mild");
  assert_band (clipped, 1, 2, 9.5, 14.5, "Moderate");
  assert_band (clipped, 2, 3, 14.5, 17, "Moderately severe");
  g_assert_cmpfloat_with_epsilon (band_at (clipped, 0)->start, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (clipped, 2)->end, 0, 1e-9);

  /* A domain given high to low gives the same bands. */
  tonic_scale_init (&scale, 17, 7, 0, 100);
  reversed = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (reversed->len, ==, 3);
  assert_band (reversed, 0, 1, 7, 9.5, "Mild");
  g_assert_cmpfloat_with_epsilon (band_at (reversed, 0)->start, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (band_at (reversed, 2)->end, 0, 1e-9);

  /* Exactly one band: no empty neighbours. */
  tonic_scale_init (&scale, 4.5, 9.5, 0, 50);
  mild = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (mild->len, ==, 1);
  assert_band (mild, 0, 1, 4.5, 9.5, "Mild");

  /* A padded domain: the top band stops at the instrument's maximum. */
  tonic_scale_init (&scale, -1, 30, 310, 0);
  above = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (above->len, ==, 5);
  assert_band (above, 0, 0, 0, 4.5, "None–minimal");
  assert_band (above, 4, 4, 19.5, 27, "Severe");

  /* A domain above every score: none. */
  tonic_scale_init (&scale, 28, 40, 100, 0);
  outside = tonic_chart_get_bands (TONIC_INSTRUMENT_PHQ9, &scale);
  g_assert_cmpuint (outside->len, ==, 0);

  tonic_scale_init (&scale, 0, 60, 600, 0);
  madrs = tonic_chart_get_bands (TONIC_INSTRUMENT_MADRS, &scale);
  g_assert_cmpuint (madrs->len, ==, 4);
  assert_band (madrs, 0, 0, 0, 6.5, "Normal");
  assert_band (madrs, 1, 1, 6.5, 19.5, "Mild");
  assert_band (madrs, 2, 2, 19.5, 34.5, "Moderate");
  assert_band (madrs, 3, 3, 34.5, 60, "Severe");

  /* The C-SSRS's top band is a single score, still shown. */
  tonic_scale_init (&scale, 0, 3, 30, 0);
  cssrs = tonic_chart_get_bands (TONIC_INSTRUMENT_CSSRS, &scale);
  g_assert_cmpuint (cssrs->len, ==, 4);
  assert_band (cssrs, 3, 3, 2.5, 3, "High");
}

static void
test_bands_none (void)
{
  TonicInstrument without[] = {
    TONIC_INSTRUMENT_PAIN_NRS, TONIC_INSTRUMENT_BPI_SEVERITY, TONIC_INSTRUMENT_BPI_INTERFERENCE,
    TONIC_INSTRUMENT_CADSS, TONIC_INSTRUMENT_MOAAS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    {
      TonicScale scale;
      g_autoptr(GArray) bands = NULL;

      if (tonic_instrument_get_n_bands (without[i]) != 0)
        continue;

      tonic_scale_init (&scale, tonic_instrument_get_min_total (without[i]),
                        tonic_instrument_get_max_total (without[i]), 100, 0);
      bands = tonic_chart_get_bands (without[i], &scale);
      g_assert_cmpuint (bands->len, ==, 0);
    }

  /* Every instrument with bands tiles its whole range. */
  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    {
      TonicScale scale;
      g_autoptr(GArray) bands = NULL;
      double min = tonic_instrument_get_min_total (i);
      double max = tonic_instrument_get_max_total (i);

      tonic_scale_init (&scale, min, max, 0, 100);
      bands = tonic_chart_get_bands (i, &scale);
      g_assert_cmpuint (bands->len, ==, tonic_instrument_get_n_bands (i));
      if (bands->len == 0)
        continue;
      g_assert_cmpfloat (band_at (bands, 0)->from, ==, min);
      g_assert_cmpfloat (band_at (bands, bands->len - 1)->to, ==, max);
      for (guint b = 1; b < bands->len; b++)
        g_assert_cmpfloat (band_at (bands, b)->from, ==, band_at (bands, b - 1)->to);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/scale", test_scale);
  g_test_add_func ("/chart/value-ticks/nice-step", test_nice_step);
  g_test_add_func ("/chart/value-ticks/axes", test_value_ticks);
  g_test_add_func ("/chart/value-ticks/single", test_value_ticks_single);
  g_test_add_func ("/chart/value-ticks/random", test_value_ticks_random);
  g_test_add_func ("/chart/date-ticks/day-number", test_day_number);
  g_test_add_func ("/chart/date-ticks/one-day", test_date_ticks_one_day);
  g_test_add_func ("/chart/date-ticks/days", test_date_ticks_days);
  g_test_add_func ("/chart/date-ticks/weeks", test_date_ticks_weeks);
  g_test_add_func ("/chart/date-ticks/months", test_date_ticks_months);
  g_test_add_func ("/chart/date-ticks/quarters", test_date_ticks_quarters);
  g_test_add_func ("/chart/date-ticks/years", test_date_ticks_years);
  g_test_add_func ("/chart/date-ticks/extremes", test_date_ticks_extremes);
  g_test_add_func ("/chart/date-ticks/spacing", test_date_ticks_spacing);
  g_test_add_func ("/chart/minute-ticks", test_minute_ticks);
  g_test_add_func ("/chart/find-nearest", test_find_nearest);
  g_test_add_func ("/chart/bands", test_bands);
  g_test_add_func ("/chart/bands/none", test_bands_none);

  return g_test_run ();
}
