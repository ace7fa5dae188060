/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-vitals-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tonic-charts-private.h"
#include "tonic-sessions-private.h"
#include "tonic-vitals-chart.h"

/* One reading, as the chart needs it. */
typedef struct
{
  int                 minute;
  TonicVitalsPhase    phase;
  TonicVitalsReading  reading;
  TonicVitalsLevel    level;
  TonicVitalsAction   action;
} Reading;

/* Where things go at one size. */
typedef struct
{
  int             width;
  int             height;
  int             small_height;
  double          legend_top;
  graphene_rect_t upper;       /* blood pressure and heart rate */
  graphene_rect_t lower;       /* SpO2 */
  TonicScale      x;           /* minutes → pixels */
  TonicScale      upper_y;
  TonicScale      lower_y;
  double          first_minute;
  double          last_minute;
} Layout;

typedef struct
{
  const char       *label;
  TonicChartMarker  marker;
  const GdkRGBA    *color;
  gboolean          filled;
  gboolean          alert;
} LegendItem;

struct _TonicVitalsChart
{
  TonicChart             parent_instance;

  GArray                *readings;    /* Reading, by minute */
  TonicVitalsThresholds  thresholds;
  Layout                 cached;      /* for the pointer */
  TonicChartLayoutKey    cached_key;
};

G_DEFINE_FINAL_TYPE (TonicVitalsChart, tonic_vitals_chart, TONIC_TYPE_CHART)

#define MARKER_RADIUS 3.5
#define ALERT_RADIUS 5.0
#define LINE_WIDTH 1.5
#define THRESHOLD_WIDTH 2.0
#define DASH 6.0
/* The share of the panels' height that blood pressure and heart rate get. */
#define UPPER_SHARE 0.66
#define LEGEND_SWATCH 12.0
#define LEGEND_SPACING 14.0
#define TICK_SPACING 2.5

/* The vitals drawn, where, and how. */
static const struct
{
  TonicVital       vital;
  gsize            value_offset;
  gboolean         upper;
  TonicChartMarker marker;
  gsize            colour_offset;
} series[] = {
  { TONIC_VITAL_SYSTOLIC, G_STRUCT_OFFSET (TonicVitalsReading, systolic), TRUE,
    TONIC_CHART_MARKER_TRIANGLE_DOWN, G_STRUCT_OFFSET (TonicChartPalette, systolic) },
  { TONIC_VITAL_DIASTOLIC, G_STRUCT_OFFSET (TonicVitalsReading, diastolic), TRUE,
    TONIC_CHART_MARKER_TRIANGLE_UP, G_STRUCT_OFFSET (TonicChartPalette, diastolic) },
  { TONIC_VITAL_HEART_RATE, G_STRUCT_OFFSET (TonicVitalsReading, heart_rate), TRUE,
    TONIC_CHART_MARKER_CIRCLE, G_STRUCT_OFFSET (TonicChartPalette, heart_rate) },
  { TONIC_VITAL_SPO2, G_STRUCT_OFFSET (TonicVitalsReading, spo2), FALSE,
    TONIC_CHART_MARKER_SQUARE, G_STRUCT_OFFSET (TonicChartPalette, spo2) },
};

#define SERIES_COLOUR(palette, i) (&G_STRUCT_MEMBER (GdkRGBA, (palette), series[i].colour_offset))

/* -- Helpers ----------------------------------------------------------------- */

static int
get_value (const TonicVitalsReading *reading,
           guint                     series_index)
{
  return G_STRUCT_MEMBER (int, reading, series[series_index].value_offset);
}

static const Reading *
get_reading (TonicVitalsChart *self,
             guint             index)
{
  return &g_array_index (self->readings, Reading, index);
}

/* The highest level of the alerts acknowledged (or not): NORMAL for
 * none. */
static TonicVitalsLevel
get_alerts_level (TonicVitalsChart *self,
                  gboolean          acknowledged)
{
  TonicVitalsLevel level = TONIC_VITALS_LEVEL_NORMAL;

  for (guint i = 0; i < self->readings->len; i++)
    {
      const Reading *reading = get_reading (self, i);

      if ((reading->action != TONIC_VITALS_ACTION_NONE) == acknowledged)
        level = MAX (level, reading->level);
    }

  return level;
}

static const GdkRGBA *
get_level_colour (const TonicChartPalette *palette,
                  TonicVitalsLevel         level)
{
  return level == TONIC_VITALS_LEVEL_ALARM ? &palette->alarm : &palette->warning;
}

static guint
get_legend (TonicVitalsChart        *self,
            const TonicChartPalette *palette,
            LegendItem               items[G_N_ELEMENTS (series) + 2])
{
  TonicVitalsLevel level;
  guint n_items = 0;

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    items[n_items++] = (LegendItem) { tonic_vital_get_label (series[i].vital), series[i].marker,
                                      SERIES_COLOUR (palette, i), TRUE, FALSE };

  level = get_alerts_level (self, TRUE);
  if (level != TONIC_VITALS_LEVEL_NORMAL)
    /* Translators: in the legend of the vitals chart */
    items[n_items++] = (LegendItem) { _("Alert acknowledged"), TONIC_CHART_MARKER_CIRCLE,
                                      get_level_colour (palette, level), TRUE, TRUE };
  level = get_alerts_level (self, FALSE);
  if (level != TONIC_VITALS_LEVEL_NORMAL)
    /* Translators: in the legend of the vitals chart */
    items[n_items++] = (LegendItem) { _("Alert not acknowledged"), TONIC_CHART_MARKER_CIRCLE,
                                      get_level_colour (palette, level), FALSE, TRUE };

  return n_items;
}

/* Lays the legend out in rows from @top, drawing it when @snapshot is not
 * NULL; returns its height. */
static double
flow_legend (TonicVitalsChart        *self,
             GtkSnapshot             *snapshot,
             const TonicChartPalette *palette,
             int                      width,
             double                   top)
{
  TonicChart *chart = TONIC_CHART (self);
  LegendItem items[G_N_ELEMENTS (series) + 2];
  guint n_items = get_legend (self, palette, items);
  double x = TONIC_CHART_LABEL_GAP;
  double y = top;
  int row_height;
  cairo_t *cr = NULL;

  _tonic_chart_measure_text (chart, "0", TRUE, NULL, &row_height);

  if (snapshot != NULL)
    {
      double height = flow_legend (self, NULL, palette, width, top);

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, top - 2, width, height + 4));
    }

  for (guint i = 0; i < n_items; i++)
    {
      int label_width;
      double item_width;

      _tonic_chart_measure_text (chart, items[i].label, TRUE, &label_width, NULL);
      item_width = LEGEND_SWATCH + 4 + label_width;
      if (x > TONIC_CHART_LABEL_GAP && x + item_width > width - TONIC_CHART_LABEL_GAP)
        {
          x = TONIC_CHART_LABEL_GAP;
          y += row_height + 2;
        }

      if (snapshot != NULL)
        {
          _tonic_chart_path_marker (cr, items[i].marker, x + LEGEND_SWATCH / 2, y + row_height / 2.0,
                                    items[i].alert ? ALERT_RADIUS - 1 : MARKER_RADIUS);
          gdk_cairo_set_source_rgba (cr, items[i].filled ? items[i].color : &palette->background);
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, items[i].color);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          _tonic_chart_append_text (chart, snapshot, items[i].label, TRUE, &palette->text_dim,
                                    x + LEGEND_SWATCH + 4, y, 0.0, 0.0);
        }

      x += item_width + LEGEND_SPACING;
    }

  if (cr != NULL)
    cairo_destroy (cr);

  return y + row_height - top;
}

static guint
count_ticks (double height,
             int    small_height)
{
  return CLAMP ((guint) (height / (small_height * TICK_SPACING)), 2, 10);
}

static void
compute_domains (TonicVitalsChart *self,
                 double           *upper_min,
                 double           *upper_max,
                 double           *lower_min,
                 double           *first_minute,
                 double           *last_minute)
{
  const TonicVitalsThresholds *t = &self->thresholds;
  int low = 40;
  int high = MAX (MAX (t->alarm_systolic_at, t->warn_systolic_at), t->heart_rate_above) + 20;
  int spo2_low = t->spo2_below - 4;
  int first = 0;
  int last = 60;

  for (guint i = 0; i < self->readings->len; i++)
    {
      const Reading *reading = get_reading (self, i);

      first = MIN (first, reading->minute);
      last = MAX (last, reading->minute);

      for (guint j = 0; j < G_N_ELEMENTS (series); j++)
        {
          int value = get_value (&reading->reading, j);

          if (value <= 0)
            continue;
          if (series[j].upper)
            {
              low = MIN (low, value - 10);
              high = MAX (high, value + 10);
            }
          else
            spo2_low = MIN (spo2_low, value - 2);
        }
    }

  *upper_min = floor (MAX (0, low) / 20.0) * 20;
  *upper_max = ceil (high / 20.0) * 20;
  *lower_min = floor (MAX (0, MIN (spo2_low, 98)) / 2.0) * 2;
  *first_minute = first - 5;
  *last_minute = last + 5;
}

static void
compute_layout (TonicVitalsChart *self,
                int               width,
                int               height,
                Layout           *layout)
{
  TonicChart *chart = TONIC_CHART (self);
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  g_autoptr(GArray) upper_ticks = NULL;
  g_autoptr(GArray) lower_ticks = NULL;
  double upper_min;
  double upper_max;
  double lower_min;
  double top;
  double bottom;
  double panel_gap;
  double available;
  double upper_height;
  double left;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;

  _tonic_chart_measure_text (chart, "0", TRUE, NULL, &layout->small_height);
  compute_domains (self, &upper_min, &upper_max, &lower_min,
                   &layout->first_minute, &layout->last_minute);

  layout->legend_top = TONIC_CHART_LABEL_GAP;
  top = layout->legend_top + flow_legend (self, NULL, palette, width, layout->legend_top) +
        TONIC_CHART_LABEL_GAP + ceil (layout->small_height / 2.0);
  bottom = 4 + TONIC_CHART_LABEL_GAP / 2 + layout->small_height + 2;
  panel_gap = layout->small_height + 2 * TONIC_CHART_LABEL_GAP;
  available = MAX (2, height - top - bottom - panel_gap);
  upper_height = round (available * UPPER_SHARE);

  upper_ticks = tonic_chart_value_ticks (upper_min, upper_max, count_ticks (upper_height, layout->small_height), 1);
  lower_ticks = tonic_chart_value_ticks (lower_min, 100, count_ticks (available - upper_height, layout->small_height), 1);
  left = MAX (_tonic_chart_get_ticks_width (chart, upper_ticks),
              _tonic_chart_get_ticks_width (chart, lower_ticks)) + TONIC_CHART_LABEL_GAP + 2;

  layout->upper = GRAPHENE_RECT_INIT (left, top, MAX (1, width - left - 8), MAX (1, upper_height));
  layout->lower = GRAPHENE_RECT_INIT (left, top + upper_height + panel_gap, layout->upper.size.width,
                                      MAX (1, available - upper_height));

  tonic_scale_init (&layout->x, layout->first_minute, layout->last_minute,
                    layout->upper.origin.x, layout->upper.origin.x + layout->upper.size.width);
  tonic_scale_init (&layout->upper_y, upper_min, upper_max,
                    layout->upper.origin.y + layout->upper.size.height, layout->upper.origin.y);
  tonic_scale_init (&layout->lower_y, lower_min, 100,
                    layout->lower.origin.y + layout->lower.size.height, layout->lower.origin.y);
}

static const Layout *
get_cached_layout (TonicVitalsChart *self,
                   int               width,
                   int               height)
{
  if (_tonic_chart_layout_key_update (TONIC_CHART (self), &self->cached_key, width, height))
    compute_layout (self, width, height, &self->cached);

  return &self->cached;
}

static double
map_value (const Layout *layout,
           guint         series_index,
           int           value)
{
  return tonic_scale_map (series[series_index].upper ? &layout->upper_y : &layout->lower_y, value);
}

static void
append_panel_axes (TonicVitalsChart        *self,
                   GtkSnapshot             *snapshot,
                   const TonicChartPalette *palette,
                   const Layout            *layout)
{
  TonicChart *chart = TONIC_CHART (self);
  g_autoptr(GArray) upper_ticks = NULL;
  g_autoptr(GArray) lower_ticks = NULL;
  g_autoptr(GArray) minute_ticks = NULL;
  int label_width;

  upper_ticks = tonic_chart_value_ticks (layout->upper_y.domain_min, layout->upper_y.domain_max,
                                         count_ticks (layout->upper.size.height, layout->small_height), 1);
  lower_ticks = tonic_chart_value_ticks (layout->lower_y.domain_min, layout->lower_y.domain_max,
                                         count_ticks (layout->lower.size.height, layout->small_height), 1);
  _tonic_chart_append_value_axis (chart, snapshot, palette, upper_ticks, &layout->upper_y, &layout->upper);
  _tonic_chart_append_value_axis (chart, snapshot, palette, lower_ticks, &layout->lower_y, &layout->lower);

  _tonic_chart_measure_text (chart, "−120", TRUE, &label_width, NULL);
  minute_ticks = tonic_chart_minute_ticks (layout->first_minute, layout->last_minute,
                                           layout->lower.size.width,
                                           label_width + 2 * TONIC_CHART_LABEL_GAP, NULL);

  /* The upper panel's vertical grid, then the shared axis under the
   * lower one. */
  for (guint i = 0; i < minute_ticks->len; i++)
    _tonic_chart_vline (snapshot, &palette->grid,
                        tonic_scale_map (&layout->x, g_array_index (minute_ticks, TonicChartTick, i).value),
                        layout->upper.origin.y, layout->upper.origin.y + layout->upper.size.height, 1);
  _tonic_chart_hline (snapshot, &palette->axis, layout->upper.origin.x,
                      layout->upper.origin.x + layout->upper.size.width,
                      layout->upper.origin.y + layout->upper.size.height, 1);
  _tonic_chart_append_time_axis (chart, snapshot, palette, minute_ticks, &layout->x, &layout->lower,
                                 layout->lower.origin.y, layout->width);

  /* The dose start. */
  if (layout->first_minute < 0 && layout->last_minute > 0)
    {
      double x = tonic_scale_map (&layout->x, 0);

      _tonic_chart_vline (snapshot, &palette->axis, x, layout->upper.origin.y,
                          layout->upper.origin.y + layout->upper.size.height, 1);
      _tonic_chart_vline (snapshot, &palette->axis, x, layout->lower.origin.y,
                          layout->lower.origin.y + layout->lower.size.height, 1);
    }
}

static void
append_peak_window (TonicVitalsChart        *self,
                    GtkSnapshot             *snapshot,
                    const TonicChartPalette *palette,
                    const Layout            *layout)
{
  double x1 = tonic_scale_map (&layout->x, TONIC_VITALS_PEAK_FROM_MINUTE);
  double x2 = tonic_scale_map (&layout->x, TONIC_VITALS_PEAK_TO_MINUTE);

  _tonic_chart_fill_rect (snapshot, &palette->peak_window, x1, layout->upper.origin.y,
                          x2 - x1, layout->upper.size.height);
  _tonic_chart_fill_rect (snapshot, &palette->peak_window, x1, layout->lower.origin.y,
                          x2 - x1, layout->lower.size.height);
}

/* Its label, over the grid. */
static void
append_peak_label (TonicVitalsChart        *self,
                   GtkSnapshot             *snapshot,
                   const TonicChartPalette *palette,
                   const Layout            *layout)
{
  double x1 = tonic_scale_map (&layout->x, TONIC_VITALS_PEAK_FROM_MINUTE);
  double x2 = tonic_scale_map (&layout->x, TONIC_VITALS_PEAK_TO_MINUTE);
  /* Translators: the shaded 30–40 minute window of the vitals chart, when
   * blood pressure usually peaks */
  const char *label = _("BP peak");
  int label_width;

  _tonic_chart_measure_text (TONIC_CHART (self), label, TRUE, &label_width, NULL);
  if (label_width + 4 <= x2 - x1)
    _tonic_chart_append_text (TONIC_CHART (self), snapshot, label, TRUE, &palette->text_dim,
                              (x1 + x2) / 2, layout->upper.origin.y + layout->upper.size.height - 2,
                              0.5, 1.0);
}

static void
append_thresholds (TonicVitalsChart        *self,
                   GtkSnapshot             *snapshot,
                   const TonicChartPalette *palette,
                   const Layout            *layout)
{
  const TonicVitalsThresholds *t = &self->thresholds;
  struct
  {
    int       value;
    gboolean  upper;
    gboolean  alarm;
    char     *label;
  } lines[] = {
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->alarm_systolic_at, TRUE, TRUE, g_strdup_printf (_("Systolic alarm %d"), t->alarm_systolic_at) },
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->warn_systolic_at, TRUE, FALSE, g_strdup_printf (_("Systolic warning %d"), t->warn_systolic_at) },
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->alarm_diastolic_at, TRUE, TRUE, g_strdup_printf (_("Diastolic alarm %d"), t->alarm_diastolic_at) },
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->warn_diastolic_at, TRUE, FALSE, g_strdup_printf (_("Diastolic warning %d"), t->warn_diastolic_at) },
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->heart_rate_above, TRUE, TRUE, g_strdup_printf (_("Heart rate alarm %d"), t->heart_rate_above) },
    /* Translators: threshold lines on the vitals chart, with their value */
    { t->spo2_below, FALSE, TRUE, g_strdup_printf (_("SpO₂ alarm %d"), t->spo2_below) },
  };
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const graphene_rect_t *plot = lines[i].upper ? &layout->upper : &layout->lower;
      const TonicScale *scale = lines[i].upper ? &layout->upper_y : &layout->lower_y;
      const GdkRGBA *color = lines[i].alarm ? &palette->alarm : &palette->warning;
      double y = tonic_scale_map (scale, lines[i].value);
      double right = plot->origin.x + plot->size.width;
      /* A warning at its alarm's level is no warning band. */
      gboolean shown = !((i == 1 && t->warn_systolic_at >= t->alarm_systolic_at) ||
                         (i == 3 && t->warn_diastolic_at >= t->alarm_diastolic_at)) &&
                       y >= plot->origin.y - 0.5 && y <= plot->origin.y + plot->size.height + 0.5;

      if (shown && lines[i].alarm)
        _tonic_chart_hline (snapshot, color, plot->origin.x, right, y, THRESHOLD_WIDTH);
      else if (shown)
        _tonic_chart_dashed_hline (snapshot, color, plot->origin.x, right, y, THRESHOLD_WIDTH, DASH);

      if (shown)
        _tonic_chart_append_line_label (TONIC_CHART (self), snapshot, placed, lines[i].label,
                                        &palette->text_dim, right - 4, y, plot);
      g_free (lines[i].label);
    }
}

static void
append_readings (TonicVitalsChart        *self,
                 GtkSnapshot             *snapshot,
                 const TonicChartPalette *palette,
                 const Layout            *layout)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height));

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Each vital's line joins its readings (over ones without it). */
  cairo_set_line_width (cr, LINE_WIDTH);
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      gboolean started = FALSE;

      for (guint i = 0; i < self->readings->len; i++)
        {
          const Reading *reading = get_reading (self, i);
          int value = get_value (&reading->reading, s);
          double x = tonic_scale_map (&layout->x, reading->minute);

          if (value <= 0)
            continue;
          if (started)
            cairo_line_to (cr, x, map_value (layout, s, value));
          else
            cairo_move_to (cr, x, map_value (layout, s, value));
          started = TRUE;
        }
      gdk_cairo_set_source_rgba (cr, SERIES_COLOUR (palette, s));
      cairo_stroke (cr);
    }

  for (guint i = 0; i < self->readings->len; i++)
    {
      const Reading *reading = get_reading (self, i);
      double x = tonic_scale_map (&layout->x, reading->minute);
      g_autoptr(GPtrArray) alerts = tonic_vitals_evaluate (&self->thresholds, reading->phase,
                                                           &reading->reading);

      for (guint s = 0; s < G_N_ELEMENTS (series); s++)
        {
          int value = get_value (&reading->reading, s);

          if (value <= 0)
            continue;

          _tonic_chart_path_marker (cr, series[s].marker, x, map_value (layout, s, value), MARKER_RADIUS);
          gdk_cairo_set_source_rgba (cr, SERIES_COLOUR (palette, s));
          cairo_fill (cr);

          /* A ring round a value over its threshold. */
          for (guint a = 0; a < alerts->len; a++)
            {
              const TonicVitalsAlert *alert = g_ptr_array_index (alerts, a);

              if (alert->vital != series[s].vital)
                continue;
              cairo_new_sub_path (cr);
              cairo_arc (cr, x, map_value (layout, s, value), MARKER_RADIUS + 3.5, 0, 2 * G_PI);
              gdk_cairo_set_source_rgba (cr, get_level_colour (palette, alert->level));
              cairo_set_line_width (cr, 2);
              cairo_stroke (cr);
            }
        }

      /* The alert as recorded, at the top: filled once acknowledged. */
      if (reading->level != TONIC_VITALS_LEVEL_NORMAL)
        {
          const GdkRGBA *color = get_level_colour (palette, reading->level);

          _tonic_chart_path_marker (cr, TONIC_CHART_MARKER_CIRCLE, x,
                                    layout->upper.origin.y - ALERT_RADIUS - 1, ALERT_RADIUS);
          gdk_cairo_set_source_rgba (cr, reading->action != TONIC_VITALS_ACTION_NONE ? color
                                                                                     : &palette->background);
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }

  cairo_destroy (cr);
}

static void
update_summary (TonicVitalsChart *self)
{
  g_autofree char *readings = NULL;
  g_autofree char *alerts = NULL;
  g_autofree char *summary = NULL;
  const Reading *highest = NULL;
  guint n = self->readings->len;
  guint n_alerts = 0;
  guint n_open = 0;

  if (n == 0)
    {
      tonic_chart_set_summary (TONIC_CHART (self), _("No vitals recorded in this session"));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      const Reading *reading = get_reading (self, i);

      if (reading->reading.systolic > 0 && reading->reading.diastolic > 0 &&
          (highest == NULL || reading->reading.systolic > highest->reading.systolic))
        highest = reading;
      if (reading->level != TONIC_VITALS_LEVEL_NORMAL)
        {
          n_alerts++;
          if (reading->action == TONIC_VITALS_ACTION_NONE)
            n_open++;
        }
    }

  if (n == 1)
    {
      g_autofree char *minute = _tonic_sessions_format_minute (get_reading (self, 0)->minute);
      g_autofree char *values = _tonic_sessions_format_reading (&get_reading (self, 0)->reading);

      /* Translators: the accessible summary of a vitals chart with one
       * reading: when ("35 min") and the values ("BP 152/94 mmHg · HR
       * 88/min") */
      readings = g_strdup_printf (_("Vitals: one reading at %s: %s."), minute, values);
    }
  else
    {
      g_autofree char *first = _tonic_sessions_format_minute (get_reading (self, 0)->minute);
      g_autofree char *last = _tonic_sessions_format_minute (get_reading (self, n - 1)->minute);

      if (highest != NULL)
        {
          g_autofree char *at = _tonic_sessions_format_minute (highest->minute);

          /* Translators: the accessible summary of a vitals chart: how
           * many readings, from when to when ("−5 min", "75 min"), and the
           * highest blood pressure with its time */
          readings = g_strdup_printf (ngettext ("Vitals: %u reading from %s to %s; highest blood pressure %d/%d mmHg at %s.",
                                                "Vitals: %u readings from %s to %s; highest blood pressure %d/%d mmHg at %s.",
                                                n),
                                      n, first, last, highest->reading.systolic,
                                      highest->reading.diastolic, at);
        }
      else
        /* Translators: the accessible summary of a vitals chart without
         * blood pressure: how many readings, from when to when */
        readings = g_strdup_printf (ngettext ("Vitals: %u reading from %s to %s.",
                                              "Vitals: %u readings from %s to %s.", n),
                                    n, first, last);
    }

  if (n_open > 0)
    /* Translators: the second sentence of a vitals chart's summary */
    alerts = g_strdup_printf (ngettext ("%u alert is not acknowledged.",
                                        "%u alerts are not acknowledged.", n_open), n_open);
  else if (n_alerts > 0)
    /* Translators: the second sentence of a vitals chart's summary */
    alerts = g_strdup_printf (ngettext ("%u alert, acknowledged.",
                                        "%u alerts, all acknowledged.", n_alerts), n_alerts);

  if (alerts != NULL)
    /* Translators: two sentences of a chart's summary, one after the other */
    summary = g_strdup_printf (_("%s %s"), readings, alerts);

  tonic_chart_set_summary (TONIC_CHART (self), summary != NULL ? summary : readings);
}

static int
compare_readings (gconstpointer a,
                  gconstpointer b)
{
  const Reading *first = a;
  const Reading *second = b;

  return (first->minute > second->minute) - (first->minute < second->minute);
}

/* -- TonicChart ---------------------------------------------------------------- */

static void
tonic_vitals_chart_draw (TonicChart  *chart,
                         GtkSnapshot *snapshot,
                         int          width,
                         int          height,
                         gboolean     dark)
{
  TonicVitalsChart *self = TONIC_VITALS_CHART (chart);
  const TonicChartPalette *palette = tonic_chart_palette_get (dark);
  Layout layout;

  compute_layout (self, width, height, &layout);

  _tonic_chart_fill_rect (snapshot, &palette->background, 0, 0, width, height);
  append_peak_window (self, snapshot, palette, &layout);
  append_panel_axes (self, snapshot, palette, &layout);
  append_peak_label (self, snapshot, palette, &layout);
  append_thresholds (self, snapshot, palette, &layout);
  append_readings (self, snapshot, palette, &layout);
  flow_legend (self, snapshot, palette, width, layout.legend_top);

  if (self->readings->len == 0)
    _tonic_chart_append_text (chart, snapshot, tonic_chart_get_summary (chart), FALSE, &palette->text,
                              layout.upper.origin.x + layout.upper.size.width / 2,
                              layout.upper.origin.y + layout.upper.size.height / 2, 0.5, 0.5);
}

static guint
tonic_vitals_chart_get_n_points (TonicChart *chart)
{
  return TONIC_VITALS_CHART (chart)->readings->len;
}

static gboolean
tonic_vitals_chart_get_point_position (TonicChart       *chart,
                                       guint             index,
                                       int               width,
                                       int               height,
                                       graphene_point_t *position)
{
  TonicVitalsChart *self = TONIC_VITALS_CHART (chart);
  const Layout *layout = get_cached_layout (self, width, height);
  const Reading *reading = get_reading (self, index);

  position->x = tonic_scale_map (&layout->x, reading->minute);
  position->y = layout->upper.origin.y + layout->upper.size.height;

  /* At its first value in the order of the series. */
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      int value = get_value (&reading->reading, s);

      if (value > 0)
        {
          position->y = map_value (layout, s, value);
          break;
        }
    }

  return TRUE;
}

static char *
tonic_vitals_chart_describe_point (TonicChart *chart,
                                   guint       index)
{
  TonicVitalsChart *self = TONIC_VITALS_CHART (chart);
  const Reading *reading = get_reading (self, index);
  g_autofree char *minute = _tonic_sessions_format_minute (reading->minute);
  g_autofree char *values = _tonic_sessions_format_reading (&reading->reading);

  if (reading->level == TONIC_VITALS_LEVEL_NORMAL)
    /* Translators: a reading on the vitals chart: when ("35 min") and the
     * values ("BP 152/94 mmHg · HR 88/min") */
    return g_strdup_printf (_("%s: %s"), minute, values);

  if (reading->action == TONIC_VITALS_ACTION_NONE)
    /* Translators: a reading on the vitals chart with an alert: when, the
     * values, and the alert level ("Warning", "Alarm") */
    return g_strdup_printf (_("%s: %s; %s, not acknowledged"), minute, values,
                            tonic_vitals_level_get_label (reading->level));

  /* Translators: a reading on the vitals chart with an acknowledged alert:
   * when, the values, the alert level ("Warning") and the action taken
   * ("Slow infusion") */
  return g_strdup_printf (_("%s: %s; %s acknowledged: %s"), minute, values,
                          tonic_vitals_level_get_label (reading->level),
                          tonic_vitals_action_get_label (reading->action));
}

/* -- GObject --------------------------------------------------------------------- */

static void
tonic_vitals_chart_finalize (GObject *object)
{
  TonicVitalsChart *self = TONIC_VITALS_CHART (object);

  g_clear_pointer (&self->readings, g_array_unref);

  G_OBJECT_CLASS (tonic_vitals_chart_parent_class)->finalize (object);
}

static void
tonic_vitals_chart_class_init (TonicVitalsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TonicChartClass *chart_class = TONIC_CHART_CLASS (klass);

  object_class->finalize = tonic_vitals_chart_finalize;

  chart_class->draw = tonic_vitals_chart_draw;
  chart_class->get_n_points = tonic_vitals_chart_get_n_points;
  chart_class->get_point_position = tonic_vitals_chart_get_point_position;
  chart_class->describe_point = tonic_vitals_chart_describe_point;
}

static void
tonic_vitals_chart_init (TonicVitalsChart *self)
{
  self->readings = g_array_new (FALSE, FALSE, sizeof (Reading));
  tonic_vitals_thresholds_init_default (&self->thresholds);
  update_summary (self);
}

/* -- Public API ------------------------------------------------------------------- */

GtkWidget *
tonic_vitals_chart_new (void)
{
  return g_object_new (TONIC_TYPE_VITALS_CHART, NULL);
}

void
tonic_vitals_chart_set_session (TonicVitalsChart            *self,
                                const TonicSession          *session,
                                const TonicVitalsThresholds *thresholds)
{
  g_return_if_fail (TONIC_IS_VITALS_CHART (self));

  tonic_chart_set_highlighted (TONIC_CHART (self), -1);
  g_array_set_size (self->readings, 0);

  if (thresholds != NULL)
    self->thresholds = *thresholds;
  else
    tonic_vitals_thresholds_init_default (&self->thresholds);

  for (guint i = 0; session != NULL && i < session->vitals->len; i++)
    {
      const TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, i);
      Reading reading = {
        .minute = vitals->minute,
        .phase = vitals->phase,
        .reading = vitals->reading,
        .level = vitals->level,
        .action = vitals->action,
      };

      g_array_append_val (self->readings, reading);
    }
  /* A stable sort: readings of one minute keep the order they were taken
   * in. */
  g_array_sort (self->readings, compare_readings);

  self->cached_key.valid = FALSE;
  update_summary (self);
  tonic_chart_points_changed (TONIC_CHART (self));
}

void
_tonic_vitals_chart_get_layout (TonicVitalsChart *self,
                                int               width,
                                int               height,
                                graphene_rect_t  *upper,
                                graphene_rect_t  *lower,
                                TonicScale       *x,
                                TonicScale       *upper_y,
                                TonicScale       *lower_y)
{
  Layout layout;

  g_return_if_fail (TONIC_IS_VITALS_CHART (self));

  compute_layout (self, width, height, &layout);
  if (upper != NULL)
    *upper = layout.upper;
  if (lower != NULL)
    *lower = layout.lower;
  if (x != NULL)
    *x = layout.x;
  if (upper_y != NULL)
    *upper_y = layout.upper_y;
  if (lower_y != NULL)
    *lower_y = layout.lower_y;
}
