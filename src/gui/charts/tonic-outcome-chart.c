/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-outcome-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tonic-charts-private.h"
#include "tonic-outcome-chart.h"

/* Where things go at one size: the plot area and the two scales. */
typedef struct
{
  int             width;
  int             height;
  graphene_rect_t plot;
  TonicScale      x;           /* day number → pixels */
  TonicScale      y;           /* score → pixels */
  double          radius;      /* of a point */
  int             small_height;
  gboolean        band_labels; /* room for them right of the plot */
  double          first_day;   /* the x domain */
  double          last_day;
} Layout;

struct _TonicOutcomeChart
{
  TonicChart          parent_instance;

  TonicOutcomeSeries *series;
  guint               booster_gap_days;
  GArray             *gaps;     /* TonicOutcomeGap */
  /* For the pointer, at the widget's size. */
  Layout              cached;
  TonicChartLayoutKey cached_key;
};

G_DEFINE_FINAL_TYPE (TonicOutcomeChart, tonic_outcome_chart, TONIC_TYPE_CHART)

enum {
  PROP_0,
  PROP_BOOSTER_GAP_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Widths in pixels (points in print). */
#define LINE_WIDTH 2.0
#define REFERENCE_WIDTH 2.0
#define DASH 6.0
#define SAFETY_MARK 5.0
/* The narrowest chart with band names beside it. */
#define BAND_LABELS_MIN_WIDTH 420
/* Pixels per value tick, in small-text heights. */
#define TICK_SPACING 2.5

/* -- Helpers ----------------------------------------------------------------- */

static guint
get_n_points (TonicOutcomeChart *self)
{
  return self->series != NULL ? tonic_outcome_series_get_n_points (self->series) : 0;
}

static double
point_day (TonicOutcomeChart *self,
           guint              index)
{
  return tonic_chart_day_number (tonic_outcome_series_get_point (self->series, index)->day);
}

static void
update_gaps (TonicOutcomeChart *self)
{
  g_clear_pointer (&self->gaps, g_array_unref);
  if (self->series != NULL && self->booster_gap_days > 0)
    self->gaps = tonic_outcome_series_get_booster_gaps (self->series, self->booster_gap_days);
}

static void
data_changed (TonicOutcomeChart *self)
{
  g_autofree char *summary = NULL;

  update_gaps (self);
  self->cached_key.valid = FALSE;

  if (self->series != NULL)
    summary = tonic_outcome_series_get_summary (self->series);
  else
    summary = g_strdup (_("No scores"));

  tonic_chart_set_summary (TONIC_CHART (self), summary);
  tonic_chart_points_changed (TONIC_CHART (self));
}

static void
compute_layout (TonicOutcomeChart *self,
                int                width,
                int                height,
                Layout            *layout)
{
  TonicChart *chart = TONIC_CHART (self);
  guint n_points = get_n_points (self);
  g_autoptr(GArray) ticks = NULL;
  double min = 0;
  double max = 1;
  double top;
  double bottom;
  double left;
  double right;
  double plot_height;
  guint max_ticks;

  memset (layout, 0, sizeof *layout);
  layout->width = width;
  layout->height = height;

  _tonic_chart_measure_text (chart, "0", TRUE, NULL, &layout->small_height);

  if (self->series != NULL)
    tonic_outcome_series_get_value_range (self->series, &min, &max);

  /* Half a label above the top tick; the date labels below. */
  top = ceil (layout->small_height / 2.0) + 2;
  bottom = 4 + TONIC_CHART_LABEL_GAP / 2 + layout->small_height + 2;
  plot_height = MAX (1, height - top - bottom);
  max_ticks = CLAMP ((guint) (plot_height / (layout->small_height * TICK_SPACING)), 2, 10);
  ticks = tonic_chart_value_ticks (min, max, max_ticks, 1);
  left = _tonic_chart_get_ticks_width (chart, ticks) + TONIC_CHART_LABEL_GAP + 2;

  right = 8;
  if (self->series != NULL && width >= BAND_LABELS_MIN_WIDTH)
    {
      TonicInstrument instrument = tonic_outcome_series_get_instrument (self->series);
      guint n_bands = tonic_instrument_get_n_bands (instrument);
      int widest = 0;

      for (guint i = 0; i < n_bands; i++)
        {
          int label_width;

          _tonic_chart_measure_text (chart, _(tonic_instrument_get_band (instrument, i)->label),
                                     TRUE, &label_width, NULL);
          widest = MAX (widest, label_width);
        }
      if (n_bands > 0 && widest < width / 4)
        {
          right = widest + 2 * TONIC_CHART_LABEL_GAP;
          layout->band_labels = TRUE;
        }
    }

  layout->plot = GRAPHENE_RECT_INIT (left, top, MAX (1, width - left - right), plot_height);
  tonic_scale_init (&layout->y, min, max,
                    layout->plot.origin.y + layout->plot.size.height, layout->plot.origin.y);

  /* Days: every point and every booster gap, with room so that the first
   * and last points are not on the edge. */
  layout->first_day = G_MAXDOUBLE;
  layout->last_day = -G_MAXDOUBLE;
  for (guint i = 0; i < n_points; i++)
    {
      double day = point_day (self, i);

      layout->first_day = MIN (layout->first_day, day);
      layout->last_day = MAX (layout->last_day, day);
    }
  for (guint i = 0; self->gaps != NULL && i < self->gaps->len; i++)
    {
      const TonicOutcomeGap *gap = &g_array_index (self->gaps, TonicOutcomeGap, i);

      layout->first_day = MIN (layout->first_day, tonic_chart_day_number (gap->from_day));
      layout->last_day = MAX (layout->last_day, tonic_chart_day_number (gap->to_day));
    }

  if (layout->first_day > layout->last_day)
    {
      layout->first_day = 0;
      layout->last_day = 1;
    }
  else
    {
      double span = layout->last_day - layout->first_day;
      double pad = span > 0 ? MAX (0.5, span * 0.04) : 3;

      layout->first_day -= pad;
      layout->last_day += pad;
    }

  tonic_scale_init (&layout->x, layout->first_day, layout->last_day,
                    layout->plot.origin.x, layout->plot.origin.x + layout->plot.size.width);

  /* Points shrink as they crowd, down to a dot. */
  layout->radius = n_points > 0 ? CLAMP (layout->plot.size.width / n_points * 0.3, 1.5, 4.5) : 4.5;
}

static const Layout *
get_cached_layout (TonicOutcomeChart *self,
                   int                width,
                   int                height)
{
  if (_tonic_chart_layout_key_update (TONIC_CHART (self), &self->cached_key, width, height))
    compute_layout (self, width, height, &self->cached);

  return &self->cached;
}

static void
append_bands (TonicOutcomeChart       *self,
              GtkSnapshot             *snapshot,
              const TonicChartPalette *palette,
              const Layout            *layout)
{
  TonicInstrument instrument = tonic_outcome_series_get_instrument (self->series);
  guint n_bands = tonic_instrument_get_n_bands (instrument);
  g_autoptr(GArray) bands = tonic_chart_get_bands (instrument, &layout->y);

  for (guint i = 0; i < bands->len; i++)
    {
      const TonicChartBand *band = &g_array_index (bands, TonicChartBand, i);
      double y1 = MIN (band->start, band->end);
      double y2 = MAX (band->start, band->end);

      _tonic_chart_fill_rect (snapshot, tonic_chart_palette_get_band (palette, band->index, n_bands),
                              layout->plot.origin.x, y1, layout->plot.size.width, y2 - y1);

      if (layout->band_labels && y2 - y1 >= layout->small_height)
        _tonic_chart_append_text (TONIC_CHART (self), snapshot, band->label, TRUE, &palette->text_dim,
                                  layout->plot.origin.x + layout->plot.size.width + TONIC_CHART_LABEL_GAP,
                                  (y1 + y2) / 2, 0.0, 0.5);
    }
}

static void
append_gaps (TonicOutcomeChart       *self,
             GtkSnapshot             *snapshot,
             const TonicChartPalette *palette,
             const Layout            *layout)
{
  for (guint i = 0; self->gaps != NULL && i < self->gaps->len; i++)
    {
      const TonicOutcomeGap *gap = &g_array_index (self->gaps, TonicOutcomeGap, i);
      double x1 = tonic_scale_map (&layout->x, tonic_chart_day_number (gap->from_day));
      double x2 = tonic_scale_map (&layout->x, tonic_chart_day_number (gap->to_day));
      g_autofree char *label = NULL;
      int label_width;

      _tonic_chart_fill_rect (snapshot, &palette->gap, x1, layout->plot.origin.y,
                              x2 - x1, layout->plot.size.height);

      /* Translators: over a booster gap on an outcome chart: the days
       * between two infusions */
      label = g_strdup_printf (ngettext ("%u day", "%u days", gap->days), gap->days);
      _tonic_chart_measure_text (TONIC_CHART (self), label, TRUE, &label_width, NULL);
      if (label_width + 4 <= x2 - x1)
        _tonic_chart_append_text (TONIC_CHART (self), snapshot, label, TRUE, &palette->text_dim,
                                  (x1 + x2) / 2, layout->plot.origin.y + 2, 0.5, 0.0);
    }
}

/* Whether the line from point @index to the next crosses a booster gap. */
static gboolean
crosses_gap (TonicOutcomeChart *self,
             guint              index)
{
  double from = point_day (self, index);
  double to = point_day (self, index + 1);

  for (guint i = 0; self->gaps != NULL && i < self->gaps->len; i++)
    {
      const TonicOutcomeGap *gap = &g_array_index (self->gaps, TonicOutcomeGap, i);

      if (from <= tonic_chart_day_number (gap->from_day) && to >= tonic_chart_day_number (gap->to_day))
        return TRUE;
    }

  return FALSE;
}

/* The baseline, response and remission lines, each labelled at the right
 * end of the plot. */
static void
append_references (TonicOutcomeChart       *self,
                   GtkSnapshot             *snapshot,
                   const TonicChartPalette *palette,
                   const Layout            *layout)
{
  struct
  {
    double         level;
    const char    *label;
    const GdkRGBA *color;
    gboolean       dashed;
  } references[3];
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  graphene_rect_t bounds = layout->plot;
  guint n_references = 0;
  double left = layout->plot.origin.x;
  double right = left + layout->plot.size.width;
  double level;

  references[n_references].level = tonic_outcome_series_get_point (self->series, 0)->score;
  /* Translators: the line of the first score of a course on a chart */
  references[n_references].label = C_("chart", "Baseline");
  references[n_references].color = &palette->baseline;
  references[n_references++].dashed = FALSE;
  if (tonic_outcome_series_get_response_level (self->series, &level))
    {
      references[n_references].level = level;
      /* Translators: the line a score must reach for a response */
      references[n_references].label = C_("chart", "Response");
      references[n_references].color = &palette->response;
      references[n_references++].dashed = TRUE;
    }
  if (tonic_outcome_series_get_remission_level (self->series, &level))
    {
      references[n_references].level = level;
      /* Translators: the line under which a score means remission */
      references[n_references].label = C_("chart", "Remission");
      references[n_references].color = &palette->remission;
      references[n_references++].dashed = TRUE;
    }

  /* Labels may use the space above the plot. */
  bounds.origin.y = 0;
  bounds.size.height += layout->plot.origin.y;

  for (guint i = 0; i < n_references; i++)
    {
      double y = tonic_scale_map (&layout->y, references[i].level);

      if (y < layout->plot.origin.y - 0.5 || y > layout->plot.origin.y + layout->plot.size.height + 0.5)
        continue;

      if (references[i].dashed)
        _tonic_chart_dashed_hline (snapshot, references[i].color, left, right, y, REFERENCE_WIDTH, DASH);
      else
        _tonic_chart_hline (snapshot, references[i].color, left, right, y, REFERENCE_WIDTH / 2);

      _tonic_chart_append_line_label (TONIC_CHART (self), snapshot, placed, references[i].label,
                                      references[i].color, right - 4, y, &bounds);
    }
}

static void
append_series (TonicOutcomeChart       *self,
               GtkSnapshot             *snapshot,
               const TonicChartPalette *palette,
               const Layout            *layout)
{
  guint n_points = get_n_points (self);
  double radius = layout->radius;
  double line_width = radius < 3 ? LINE_WIDTH * 0.75 : LINE_WIDTH;
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  gdk_cairo_set_source_rgba (cr, &palette->score);

  /* The line: solid, and dashed across a booster gap. */
  cairo_set_line_width (cr, line_width);
  for (guint dashed = 0; dashed < 2; dashed++)
    {
      for (guint i = 0; i + 1 < n_points; i++)
        {
          const TonicOutcomePoint *from = tonic_outcome_series_get_point (self->series, i);
          const TonicOutcomePoint *to = tonic_outcome_series_get_point (self->series, i + 1);

          if (crosses_gap (self, i) != (dashed == 1))
            continue;

          cairo_move_to (cr, tonic_scale_map (&layout->x, point_day (self, i)),
                         tonic_scale_map (&layout->y, from->score));
          cairo_line_to (cr, tonic_scale_map (&layout->x, point_day (self, i + 1)),
                         tonic_scale_map (&layout->y, to->score));
        }
      if (dashed)
        cairo_set_dash (cr, (double[]) { 2 * line_width, 2 * line_width }, 2, 0);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  /* Safety flags: a ring round the point and a mark at the top. */
  for (guint i = 0; i < n_points; i++)
    {
      const TonicOutcomePoint *point = tonic_outcome_series_get_point (self->series, i);
      double x = tonic_scale_map (&layout->x, point_day (self, i));
      double y = tonic_scale_map (&layout->y, point->score);

      if (!point->safety_flag)
        continue;

      gdk_cairo_set_source_rgba (cr, &palette->safety);
      cairo_set_line_width (cr, 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius + 3, 0, 2 * G_PI);
      cairo_stroke (cr);
      _tonic_chart_path_marker (cr, TONIC_CHART_MARKER_TRIANGLE_DOWN, x,
                                layout->plot.origin.y + SAFETY_MARK, SAFETY_MARK);
      cairo_fill (cr);
    }

  /* Points: filled for a session with an infusion, hollow otherwise. */
  cairo_set_line_width (cr, MIN (1.5, radius / 2));
  for (guint i = 0; i < n_points; i++)
    {
      const TonicOutcomePoint *point = tonic_outcome_series_get_point (self->series, i);
      double x = tonic_scale_map (&layout->x, point_day (self, i));
      double y = tonic_scale_map (&layout->y, point->score);

      _tonic_chart_path_marker (cr, TONIC_CHART_MARKER_CIRCLE, x, y, radius);
      gdk_cairo_set_source_rgba (cr, point->infusion ? &palette->score : &palette->background);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &palette->score);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
append_message (TonicOutcomeChart       *self,
                GtkSnapshot             *snapshot,
                const TonicChartPalette *palette,
                const Layout            *layout)
{
  g_autoptr(PangoLayout) text = tonic_chart_create_layout (TONIC_CHART (self),
                                                           tonic_chart_get_summary (TONIC_CHART (self)),
                                                           FALSE);
  PangoRectangle extents;

  pango_layout_set_width (text, MAX (1, (int) layout->plot.size.width - 16) * PANGO_SCALE);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_extents (text, NULL, &extents);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (layout->plot.origin.x + 8,
                                                round (layout->plot.origin.y +
                                                       (layout->plot.size.height - extents.height) / 2)));
  gtk_snapshot_append_layout (snapshot, text, &palette->text);
  gtk_snapshot_restore (snapshot);
}

/* -- TonicChart ---------------------------------------------------------------- */

static void
tonic_outcome_chart_draw (TonicChart  *chart,
                          GtkSnapshot *snapshot,
                          int          width,
                          int          height,
                          gboolean     dark)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (chart);
  const TonicChartPalette *palette = tonic_chart_palette_get (dark);
  g_autoptr(GArray) value_ticks = NULL;
  g_autoptr(GArray) date_ticks = NULL;
  Layout layout;
  double min = 0;
  double max = 1;
  guint max_ticks;

  compute_layout (self, width, height, &layout);

  _tonic_chart_fill_rect (snapshot, &palette->background, 0, 0, width, height);

  if (self->series != NULL)
    {
      tonic_outcome_series_get_value_range (self->series, &min, &max);
      append_bands (self, snapshot, palette, &layout);
    }

  max_ticks = CLAMP ((guint) (layout.plot.size.height / (layout.small_height * TICK_SPACING)), 2, 10);
  value_ticks = tonic_chart_value_ticks (min, max, max_ticks, 1);
  _tonic_chart_append_value_axis (chart, snapshot, palette, value_ticks, &layout.y, &layout.plot);

  if (get_n_points (self) == 0)
    {
      _tonic_chart_hline (snapshot, &palette->axis, layout.plot.origin.x,
                          layout.plot.origin.x + layout.plot.size.width,
                          layout.plot.origin.y + layout.plot.size.height, 1);
      append_message (self, snapshot, palette, &layout);
      return;
    }

  /* Date labels as wide as they turn out to be. */
  {
    int sample_width;
    double label_width;
    int widest;

    _tonic_chart_measure_text (chart, "30 Sep", TRUE, &sample_width, NULL);
    label_width = sample_width + 2 * TONIC_CHART_LABEL_GAP;
    date_ticks = tonic_chart_date_ticks (layout.first_day, layout.last_day,
                                         layout.plot.size.width, label_width, NULL);
    widest = _tonic_chart_get_ticks_width (chart, date_ticks) + 2 * TONIC_CHART_LABEL_GAP;
    if (widest > label_width)
      {
        g_clear_pointer (&date_ticks, g_array_unref);
        date_ticks = tonic_chart_date_ticks (layout.first_day, layout.last_day,
                                             layout.plot.size.width, widest, NULL);
      }
  }
  _tonic_chart_append_time_axis (chart, snapshot, palette, date_ticks, &layout.x, &layout.plot,
                                 layout.plot.origin.y, width);

  append_gaps (self, snapshot, palette, &layout);
  append_references (self, snapshot, palette, &layout);
  append_series (self, snapshot, palette, &layout);
}

static guint
tonic_outcome_chart_get_n_points (TonicChart *chart)
{
  return get_n_points (TONIC_OUTCOME_CHART (chart));
}

static gboolean
tonic_outcome_chart_get_point_position (TonicChart       *chart,
                                        guint             index,
                                        int               width,
                                        int               height,
                                        graphene_point_t *position)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (chart);
  const Layout *layout = get_cached_layout (self, width, height);

  position->x = tonic_scale_map (&layout->x, point_day (self, index));
  position->y = tonic_scale_map (&layout->y, tonic_outcome_series_get_point (self->series, index)->score);

  return TRUE;
}

static char *
tonic_outcome_chart_describe_point (TonicChart *chart,
                                    guint       index)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (chart);
  const TonicOutcomePoint *point = tonic_outcome_series_get_point (self->series, index);
  g_autofree char *text = tonic_outcome_series_describe_point (self->series, index);

  if (!point->infusion)
    {
      char *more;

      /* Translators: a point of an outcome chart whose session had no
       * infusion; %s is its description ("PHQ-9 6 on 12 March 2026 (−71 %
       * from baseline)") */
      more = g_strdup_printf (_("%s; no infusion"), text);
      g_free (text);
      text = more;
    }

  if (point->safety_flag)
    {
      char *more;

      /* Translators: a point of an outcome chart whose session raised a
       * safety flag (thoughts of self-harm); %s is its description */
      more = g_strdup_printf (_("%s; safety flag raised"), text);
      g_free (text);
      text = more;
    }

  return g_steal_pointer (&text);
}

/* -- GObject --------------------------------------------------------------------- */

static void
tonic_outcome_chart_finalize (GObject *object)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (object);

  g_clear_pointer (&self->series, tonic_outcome_series_unref);
  g_clear_pointer (&self->gaps, g_array_unref);

  G_OBJECT_CLASS (tonic_outcome_chart_parent_class)->finalize (object);
}

static void
tonic_outcome_chart_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (object);

  switch (prop_id)
    {
    case PROP_BOOSTER_GAP_DAYS:
      g_value_set_uint (value, self->booster_gap_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_outcome_chart_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TonicOutcomeChart *self = TONIC_OUTCOME_CHART (object);

  switch (prop_id)
    {
    case PROP_BOOSTER_GAP_DAYS:
      tonic_outcome_chart_set_booster_gap_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_outcome_chart_class_init (TonicOutcomeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TonicChartClass *chart_class = TONIC_CHART_CLASS (klass);

  object_class->finalize = tonic_outcome_chart_finalize;
  object_class->get_property = tonic_outcome_chart_get_property;
  object_class->set_property = tonic_outcome_chart_set_property;

  chart_class->draw = tonic_outcome_chart_draw;
  chart_class->get_n_points = tonic_outcome_chart_get_n_points;
  chart_class->get_point_position = tonic_outcome_chart_get_point_position;
  chart_class->describe_point = tonic_outcome_chart_describe_point;

  properties[PROP_BOOSTER_GAP_DAYS] =
    g_param_spec_uint ("booster-gap-days", NULL, NULL,
                       0, G_MAXUINT, TONIC_OUTCOME_CHART_DEFAULT_BOOSTER_GAP_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_outcome_chart_init (TonicOutcomeChart *self)
{
  self->booster_gap_days = TONIC_OUTCOME_CHART_DEFAULT_BOOSTER_GAP_DAYS;
  data_changed (self);
}

/* -- Public API ------------------------------------------------------------------- */

GtkWidget *
tonic_outcome_chart_new (void)
{
  return g_object_new (TONIC_TYPE_OUTCOME_CHART, NULL);
}

void
tonic_outcome_chart_set_series (TonicOutcomeChart  *self,
                                TonicOutcomeSeries *series)
{
  g_return_if_fail (TONIC_IS_OUTCOME_CHART (self));

  if (series == self->series)
    return;

  if (series != NULL)
    tonic_outcome_series_ref (series);
  g_clear_pointer (&self->series, tonic_outcome_series_unref);
  self->series = series;

  tonic_chart_set_highlighted (TONIC_CHART (self), -1);
  data_changed (self);
}

TonicOutcomeSeries *
tonic_outcome_chart_get_series (TonicOutcomeChart *self)
{
  g_return_val_if_fail (TONIC_IS_OUTCOME_CHART (self), NULL);

  return self->series;
}

void
tonic_outcome_chart_set_booster_gap_days (TonicOutcomeChart *self,
                                          guint              days)
{
  g_return_if_fail (TONIC_IS_OUTCOME_CHART (self));

  if (days == self->booster_gap_days)
    return;

  self->booster_gap_days = days;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOSTER_GAP_DAYS]);
}

guint
tonic_outcome_chart_get_booster_gap_days (TonicOutcomeChart *self)
{
  g_return_val_if_fail (TONIC_IS_OUTCOME_CHART (self), 0);

  return self->booster_gap_days;
}

void
_tonic_outcome_chart_get_layout (TonicOutcomeChart *self,
                                 int                width,
                                 int                height,
                                 graphene_rect_t   *plot,
                                 TonicScale        *x,
                                 TonicScale        *y)
{
  Layout layout;

  g_return_if_fail (TONIC_IS_OUTCOME_CHART (self));

  compute_layout (self, width, height, &layout);
  if (plot != NULL)
    *plot = layout.plot;
  if (x != NULL)
    *x = layout.x;
  if (y != NULL)
    *y = layout.y;
}
