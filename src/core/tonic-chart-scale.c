/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-chart-scale"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "tonic-chart-scale.h"
#include "tonic-time.h"

/* Slack for floating-point steps: a tick computed as 3 × 0.1 still lands on
 * a domain ending at 0.3. */
#define EPSILON 1e-9

/* The nice multipliers of a power of ten. */
static const double nice_multipliers[] = { 1, 2, 5 };

/* Minute steps of a vitals axis. */
static const guint minute_steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440 };

/* The shortest month, quarter (January to March) and year in days: a step
 * fits when its shortest instance does. */
#define SHORTEST_MONTH   28
#define SHORTEST_QUARTER 90
#define SHORTEST_YEAR    365

/* The longest year step tried: beyond it the calendar itself ends. */
#define MAX_YEAR_STEP 10000

/* -- Helpers ------------------------------------------------------------------ */

static void
clear_tick (gpointer data)
{
  TonicChartTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
new_ticks (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (TonicChartTick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

static void
append_tick (GArray *ticks,
             double  value,
             char   *label)
{
  TonicChartTick tick = { value, label };

  g_array_append_val (ticks, tick);
}

/* @step as a decimal: 1, 2 or 5 times 10^@exponent, exact for negative
 * exponents too (0.1 rather than 1 × 10^-1 computed by pow()). */
static double
make_step (double multiplier,
           int    exponent)
{
  return exponent >= 0 ? multiplier * pow (10, exponent)
                       : multiplier / pow (10, -exponent);
}

/* Decimals a multiple of @step needs: 0 for steps of 1 and more. */
static int
get_digits (double step)
{
  if (step >= 1 - EPSILON)
    return 0;

  return (int) ceil (-log10 (step) - EPSILON);
}

/* The fewest decimals (up to 6) that show @value exactly: 0 for 3, 1 for
 * 2.5. */
static int
get_value_digits (double value)
{
  int digits = 0;

  while (digits < 6)
    {
      double scaled = value * pow (10, digits);

      if (fabs (scaled - round (scaled)) < 1e-6)
        break;
      digits++;
    }

  return digits;
}

/* "5", "2.5", "−10": a minus sign rather than a hyphen, and never "−0". */
static char *
format_number (double value,
               int    digits)
{
  double rounded = value;

  if (fabs (value) < pow (10, -digits) / 2)
    rounded = 0;

  if (rounded < 0)
    return g_strdup_printf ("\u2212%.*f", digits, -rounded);

  return g_strdup_printf ("%.*f", digits, rounded);
}

/* Multiples of @step within [@min, @max], as indexes (value = index × step). */
static void
get_multiple_range (double  min,
                    double  max,
                    double  step,
                    double *first,
                    double *last)
{
  *first = ceil (min / step - EPSILON);
  *last = floor (max / step + EPSILON);
}

/* -- Scales ------------------------------------------------------------------- */

void
tonic_scale_init (TonicScale *scale,
                  double      domain_min,
                  double      domain_max,
                  double      range_min,
                  double      range_max)
{
  g_return_if_fail (scale != NULL);

  scale->domain_min = domain_min;
  scale->domain_max = domain_max;
  scale->range_min = range_min;
  scale->range_max = range_max;
}

double
tonic_scale_map (const TonicScale *scale,
                 double            value)
{
  double span;

  g_return_val_if_fail (scale != NULL, 0);

  span = scale->domain_max - scale->domain_min;
  if (span == 0)
    return (scale->range_min + scale->range_max) / 2;

  return scale->range_min
         + (value - scale->domain_min) * (scale->range_max - scale->range_min) / span;
}

double
tonic_scale_invert (const TonicScale *scale,
                    double            position)
{
  double range;

  g_return_val_if_fail (scale != NULL, 0);

  range = scale->range_max - scale->range_min;
  if (range == 0)
    return (scale->domain_min + scale->domain_max) / 2;

  return scale->domain_min
         + (position - scale->range_min) * (scale->domain_max - scale->domain_min) / range;
}

/* -- Value ticks ---------------------------------------------------------------- */

double
tonic_chart_nice_step (double span,
                       guint  max_count,
                       double min_step)
{
  double start;
  int exponent;

  g_return_val_if_fail (span >= 0 && isfinite (span), 1);
  g_return_val_if_fail (max_count >= 2, 1);
  g_return_val_if_fail (min_step >= 0 && isfinite (min_step), 1);

  if (span == 0)
    return min_step > 0 ? min_step : 1;

  /* No step below span / max_count can fit; start one decade lower so the
   * first candidate at least that big is found. */
  start = MAX (span / max_count, min_step);
  exponent = (int) floor (log10 (start)) - 1;

  for (;; exponent++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (nice_multipliers); i++)
        {
          double step = make_step (nice_multipliers[i], exponent);

          if (step < min_step - EPSILON)
            continue;

          /* A domain of width span holds at most floor (span / step) + 1
           * multiples of step, wherever it starts. */
          if (floor (span / step + EPSILON) + 1 <= max_count)
            return step;
        }
    }
}

GArray *
tonic_chart_value_ticks (double min,
                         double max,
                         guint  max_count,
                         double min_step)
{
  GArray *ticks;
  double step, first, last;
  int digits;

  g_return_val_if_fail (isfinite (min) && isfinite (max) && max >= min, NULL);
  g_return_val_if_fail (max_count >= 2, NULL);
  g_return_val_if_fail (min_step >= 0 && isfinite (min_step), NULL);

  ticks = new_ticks ();

  if (max == min)
    {
      append_tick (ticks, min, format_number (min, get_value_digits (min)));
      return ticks;
    }

  step = tonic_chart_nice_step (max - min, max_count, min_step);
  digits = get_digits (step);
  get_multiple_range (min, max, step, &first, &last);
  for (double i = first; i <= last; i++)
    {
      double value = i * step;

      if (value == 0)
        value = 0;  /* no −0 */

      append_tick (ticks, value, format_number (value, digits));
    }

  return ticks;
}

/* -- Date ticks ----------------------------------------------------------------- */


/* Every date a chart can label: what GDateTime can format. */
#define FIRST_YEAR 1
#define LAST_YEAR  9999

guint32
tonic_chart_day_number (const char *day)
{
  GDate date;

  if (day == NULL || !tonic_date_parse_iso (day, &date))
    return 0;

  return g_date_get_julian (&date);
}

char *
tonic_chart_day_string (guint32 day_number)
{
  GDate date;

  g_return_val_if_fail (day_number >= 1, NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day_number);
  return tonic_date_format_iso (&date);
}

/* The shortest length of @step in days. */
static double
get_step_days (const TonicChartDateStep *step)
{
  switch (step->unit)
    {
    case TONIC_CHART_DATE_DAY:
      return step->count;
    case TONIC_CHART_DATE_WEEK:
      return 7.0 * step->count;
    case TONIC_CHART_DATE_MONTH:
      return (double) SHORTEST_MONTH * step->count;
    case TONIC_CHART_DATE_QUARTER:
      return (double) SHORTEST_QUARTER * step->count;
    case TONIC_CHART_DATE_YEAR:
    default:
      return (double) SHORTEST_YEAR * step->count;
    }
}

static gboolean
step_fits (double span,
           double length,
           double width,
           double label_width)
{
  return span <= 0 || length * width / span >= label_width - EPSILON;
}

static void
choose_date_step (double              span,
                  double              width,
                  double              label_width,
                  TonicChartDateStep *out)
{
  static const TonicChartDateStep short_steps[] = {
    { TONIC_CHART_DATE_DAY, 1 },
    { TONIC_CHART_DATE_DAY, 2 },
    { TONIC_CHART_DATE_WEEK, 1 },
    { TONIC_CHART_DATE_WEEK, 2 },
    { TONIC_CHART_DATE_MONTH, 1 },
    { TONIC_CHART_DATE_QUARTER, 1 },
  };
  TonicChartDateStep step = { TONIC_CHART_DATE_YEAR, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (short_steps); i++)
    if (step_fits (span, get_step_days (&short_steps[i]), width, label_width))
      {
        *out = short_steps[i];
        return;
      }

  /* Years: 1, 2, 5, 10, 20, 50 … */
  for (guint decade = 1; decade <= MAX_YEAR_STEP; decade *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (nice_multipliers); i++)
      {
        step.count = (guint) nice_multipliers[i] * decade;
        if (step.count > MAX_YEAR_STEP ||
            step_fits (span, get_step_days (&step), width, label_width))
          {
            step.count = MIN (step.count, MAX_YEAR_STEP);
            *out = step;
            return;
          }
      }

  step.count = MAX_YEAR_STEP;
  *out = step;
}

static void
append_date_tick (GArray                   *ticks,
                  const GDate              *date,
                  const TonicChartDateStep *step)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date),
                                                   0, 0, 0);
  const char *format;

  switch (step->unit)
    {
    case TONIC_CHART_DATE_DAY:
    case TONIC_CHART_DATE_WEEK:
      /* Translators: a date on the time axis of a chart whose ticks are
       * days or weeks apart, in g_date_time_format() format, such as
       * "12 Mar" */
      format = C_("chart axis", "%-d %b");
      break;

    case TONIC_CHART_DATE_MONTH:
    case TONIC_CHART_DATE_QUARTER:
      /* Translators: a month on the time axis of a chart, in
       * g_date_time_format() format, such as "Mar 2026" */
      format = C_("chart axis", "%b %Y");
      break;

    case TONIC_CHART_DATE_YEAR:
    default:
      /* Translators: a year on the time axis of a chart, in
       * g_date_time_format() format, such as "2026" */
      format = C_("chart axis", "%Y");
      break;
    }

  append_tick (ticks, g_date_get_julian (date), g_date_time_format (time, format));
}

/* Day and week steps: every @step->count days (or weeks, on Mondays). */
static void
append_day_ticks (GArray                   *ticks,
                  guint32                   first,
                  guint32                   last,
                  const TonicChartDateStep *step)
{
  guint32 stride = step->unit == TONIC_CHART_DATE_WEEK ? 7 : 1;
  guint32 day = first;
  GDate date;

  g_date_clear (&date, 1);

  if (step->unit == TONIC_CHART_DATE_WEEK)
    {
      g_date_set_julian (&date, first);
      day += (G_DATE_MONDAY + 7 - g_date_get_weekday (&date)) % 7;
    }

  for (; day <= last; day += stride)
    {
      /* For steps of more than one, keep the days (or Mondays) whose
       * number divided by the stride is a multiple of the count: the same
       * days whatever the domain. */
      if ((day / stride) % step->count != 0)
        continue;

      g_date_set_julian (&date, day);
      append_date_tick (ticks, &date, step);
    }
}

/* Month, quarter and year steps: on the 1st of the months that begin one. */
static void
append_month_ticks (GArray                   *ticks,
                    guint32                   first,
                    guint32                   last,
                    const TonicChartDateStep *step)
{
  guint months = step->unit == TONIC_CHART_DATE_MONTH ? step->count
                 : step->unit == TONIC_CHART_DATE_QUARTER ? 3 * step->count
                 : 12;
  guint years = step->unit == TONIC_CHART_DATE_YEAR ? step->count : 1;
  GDate date;
  guint year, month;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, first);
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);
  if (g_date_get_day (&date) != 1)
    month++;

  /* Up to the first month the step falls on. */
  for (;;)
    {
      if (month > 12)
        {
          month = 1;
          year++;
        }
      if ((month - 1) % months == 0 && year % years == 0)
        break;
      month++;
    }

  while (year <= LAST_YEAR)
    {
      g_date_set_dmy (&date, 1, (GDateMonth) month, (GDateYear) year);
      if (g_date_get_julian (&date) > last)
        break;

      append_date_tick (ticks, &date, step);

      if (step->unit == TONIC_CHART_DATE_YEAR)
        year += years;
      else
        {
          month += months;
          year += (month - 1) / 12;
          month = (month - 1) % 12 + 1;
        }
    }
}

GArray *
tonic_chart_date_ticks (double              first_day,
                        double              last_day,
                        double              width,
                        double              label_width,
                        TonicChartDateStep *step)
{
  TonicChartDateStep chosen;
  GArray *ticks;
  GDate limit;
  double first, last;

  g_return_val_if_fail (last_day >= first_day, NULL);
  g_return_val_if_fail (width >= 0, NULL);

  choose_date_step (last_day - first_day, width, label_width, &chosen);
  if (step != NULL)
    *step = chosen;

  ticks = new_ticks ();

  /* Whole days of the domain, within the dates GDateTime formats. */
  g_date_clear (&limit, 1);
  g_date_set_dmy (&limit, 1, G_DATE_JANUARY, FIRST_YEAR);
  first = MAX (ceil (first_day - EPSILON), g_date_get_julian (&limit));
  g_date_set_dmy (&limit, 31, G_DATE_DECEMBER, LAST_YEAR);
  last = MIN (floor (last_day + EPSILON), g_date_get_julian (&limit));
  if (first > last)
    return ticks;

  if (chosen.unit == TONIC_CHART_DATE_DAY || chosen.unit == TONIC_CHART_DATE_WEEK)
    append_day_ticks (ticks, (guint32) first, (guint32) last, &chosen);
  else
    append_month_ticks (ticks, (guint32) first, (guint32) last, &chosen);

  return ticks;
}

/* -- Minute ticks ----------------------------------------------------------------- */

GArray *
tonic_chart_minute_ticks (double  min,
                          double  max,
                          double  width,
                          double  label_width,
                          guint  *step)
{
  guint chosen = minute_steps[G_N_ELEMENTS (minute_steps) - 1];
  GArray *ticks;
  double first, last;

  g_return_val_if_fail (max >= min, NULL);
  g_return_val_if_fail (width >= 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (minute_steps); i++)
    if (step_fits (max - min, minute_steps[i], width, label_width))
      {
        chosen = minute_steps[i];
        break;
      }

  if (step != NULL)
    *step = chosen;

  ticks = new_ticks ();
  get_multiple_range (min, max, chosen, &first, &last);
  for (double i = first; i <= last; i++)
    {
      double value = i * chosen;

      if (value == 0)
        value = 0;  /* no −0 */

      append_tick (ticks, value, format_number (value, 0));
    }

  return ticks;
}

/* -- Hover -------------------------------------------------------------------------- */

int
tonic_chart_find_nearest (const double *positions,
                          guint         n_positions,
                          double        x,
                          double        max_distance)
{
  guint low = 0, high = n_positions;
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (positions != NULL || n_positions == 0, -1);

  /* The first position ≥ x … */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (positions[middle] < x)
        low = middle + 1;
      else
        high = middle;
    }

  /* … and the last one before it, moved back to the first of its equals:
   * the earlier of two equally near wins. */
  if (low > 0)
    {
      guint before = low - 1;

      while (before > 0 && positions[before - 1] == positions[before])
        before--;

      best = (int) before;
      best_distance = x - positions[before];
    }

  if (low < n_positions && positions[low] - x < best_distance)
    {
      best = (int) low;
      best_distance = positions[low] - x;
    }

  return best_distance <= max_distance ? best : -1;
}

/* -- Severity bands ------------------------------------------------------------------ */

GArray *
tonic_chart_get_bands (TonicInstrument   instrument,
                       const TonicScale *scale)
{
  guint n_bands = tonic_instrument_get_n_bands (instrument);
  double low, high, bottom, top, half_step;
  GArray *bands;

  g_return_val_if_fail ((guint) instrument < TONIC_N_INSTRUMENTS, NULL);
  g_return_val_if_fail (scale != NULL, NULL);

  bands = g_array_new (FALSE, TRUE, sizeof (TonicChartBand));
  low = MIN (scale->domain_min, scale->domain_max);
  high = MAX (scale->domain_min, scale->domain_max);
  bottom = tonic_instrument_get_min_total (instrument);
  top = tonic_instrument_get_max_total (instrument);
  /* Bands meet halfway between the last score of one and the first of the
   * next, so that no score sits on an edge. */
  half_step = pow (10, -(int) tonic_instrument_get_digits (instrument)) / 2;

  for (guint i = 0; i < n_bands; i++)
    {
      const TonicInstrumentBand *band = tonic_instrument_get_band (instrument, i);
      double from = i == 0 ? bottom : band->from - half_step;
      double to = i + 1 < n_bands ? tonic_instrument_get_band (instrument, i + 1)->from - half_step
                                  : top;
      TonicChartBand clipped;

      clipped.index = i;
      clipped.from = MAX (from, low);
      clipped.to = MIN (to, high);
      if (clipped.to - clipped.from <= EPSILON)
        continue;

      clipped.start = tonic_scale_map (scale, clipped.from);
      clipped.end = tonic_scale_map (scale, clipped.to);
      clipped.label = _(band->label);
      g_array_append_val (bands, clipped);
    }

  return bands;
}
