/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-overview-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tonic-charts-private.h"
#include "tonic-overview-chart.h"
#include "tonic-overview-private.h"

struct _TonicOverviewChart
{
  TonicChart parent_instance;

  GPtrArray *rows;   /* TonicOverviewRow with evaluated courses */
};

G_DEFINE_FINAL_TYPE (TonicOverviewChart, tonic_overview_chart, TONIC_TYPE_CHART)

/* Space around the drawing, between the legend and the plot, and between
 * the two bars of an indication. */
#define PADDING      16.0
#define LEGEND_GAP   14.0
#define SWATCH_SIZE  10.0
#define BAR_GAP       3.0
#define BAR_MAX_WIDTH 44.0
#define BAR_RADIUS    3.0
/* The lines an indication's name may take under its bars. */
#define LABEL_LINES   3

typedef struct
{
  graphene_rect_t plot;
  TonicScale      y;           /* percent → pixels */
  double          group_width; /* one indication's slot */
  double          bar_width;
  double          legend_y;    /* the middle of the legend's line */
  int             line_height; /* of the normal text */
  int             names_height; /* of the tallest indication name */
  int             small_height;
} Geometry;

/* -- Shared helpers (tonic-overview-private.h) ------------------------------- */

char *
_tonic_overview_format_share (guint count,
                              guint total)
{
  double percent = total > 0 ? 100.0 * count / total : 0;

  /* Translators: a share of courses as a whole percentage, such as
   * "75 %"; use your language's spacing and sign */
  return g_strdup_printf (_("%.0f %%"), percent);
}

char *
_tonic_overview_describe_row (const TonicOverviewRow *row)
{
  const char *indication;
  g_autofree char *response = NULL;
  g_autofree char *remission = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  indication = tonic_indication_get_label (row->indication);

  if (row->n_evaluated == 0)
    {
      /* Translators: %s is an indication ("PTSD") of the practice
       * overview */
      return g_strdup_printf (_("%s: no course with a baseline and a later score yet"),
                              indication);
    }

  if (row->n_remission_evaluated == 0)
    {
      response = _tonic_overview_format_share (row->n_response, row->n_evaluated);
      /* Translators: the practice overview of an indication whose measure
       * has no remission rule (pain): 1$ the indication ("Chronic pain"),
       * 2$ the courses that reached response, 3$ the courses with a
       * baseline and a later score, 4$ the share ("75 %") */
      return g_strdup_printf (ngettext ("%1$s: response in %2$u of %3$u course (%4$s); "
                                        "no remission rule",
                                        "%1$s: response in %2$u of %3$u courses (%4$s); "
                                        "no remission rule",
                                        row->n_evaluated),
                              indication, row->n_response, row->n_evaluated, response);
    }

  response = _tonic_overview_format_share (row->n_response, row->n_evaluated);
  remission = _tonic_overview_format_share (row->n_remission, row->n_remission_evaluated);

  /* Translators: the practice overview of an indication: 1$ the indication
   * ("PTSD"), 2$ the courses that reached response, 3$ the courses with a
   * baseline and a later score, 4$ the share of response ("75 %"), 5$ the
   * courses that reached remission, 6$ its share ("25 %") */
  return g_strdup_printf (ngettext ("%1$s: response in %2$u of %3$u course (%4$s), "
                                    "remission in %5$u (%6$s)",
                                    "%1$s: response in %2$u of %3$u courses (%4$s), "
                                    "remission in %5$u (%6$s)",
                                    row->n_evaluated),
                          indication, row->n_response, row->n_evaluated, response,
                          row->n_remission, remission);
}

/* -- Helpers --------------------------------------------------------------------- */

static const TonicOverviewRow *
get_row (TonicOverviewChart *self,
         guint               index)
{
  g_assert (index < self->rows->len);

  return g_ptr_array_index (self->rows, index);
}

static double
get_response_percent (const TonicOverviewRow *row)
{
  double share = 0;

  tonic_overview_row_get_response_share (row, &share);
  return 100 * share;
}

/* The remission share in percent, or FALSE when the row has none. */
static gboolean
get_remission_percent (const TonicOverviewRow *row,
                       double                 *percent)
{
  double share;

  if (!tonic_overview_row_get_remission_share (row, &share))
    return FALSE;

  *percent = 100 * share;
  return TRUE;
}

/* The value axis: as many ticks as fit, every 20 % at most. (g_array_unref()) */
static GArray *
create_ticks (double plot_height)
{
  guint max_count = CLAMP ((guint) (plot_height / 36), 2, 6);
  GArray *ticks = tonic_chart_value_ticks (0, 100, max_count, 10);

  for (guint i = 0; i < ticks->len; i++)
    {
      TonicChartTick *tick = &g_array_index (ticks, TonicChartTick, i);

      g_free (tick->label);
      tick->label = _tonic_overview_format_share ((guint) tick->value, 100);
    }

  return ticks;
}

/* The indication's name wrapped to @width, centred, in at most
 * LABEL_LINES lines. */
static PangoLayout *
create_name_layout (TonicOverviewChart     *self,
                    const TonicOverviewRow *row,
                    double                  width)
{
  PangoLayout *layout = tonic_chart_create_layout (TONIC_CHART (self),
                                                   tonic_indication_get_label (row->indication),
                                                   FALSE);

  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -LABEL_LINES);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);

  return layout;
}

/* Where everything goes in a @width × @height drawing; @ticks gets the
 * value axis's ticks when not NULL. */
static void
compute_geometry (TonicOverviewChart  *self,
                  int                  width,
                  int                  height,
                  Geometry            *geometry,
                  GArray             **ticks_out)
{
  TonicChart *chart = TONIC_CHART (self);
  g_autoptr(GArray) ticks = NULL;
  double top;
  double bottom;
  double left;
  int names_height = 0;
  guint n_rows = self->rows->len;

  _tonic_chart_measure_text (chart, _("Response"), FALSE, NULL, &geometry->line_height);
  _tonic_chart_measure_text (chart, "100 %", TRUE, NULL, &geometry->small_height);

  /* The legend, then room for the labels over the tallest bars. */
  geometry->legend_y = PADDING + geometry->line_height / 2.0;
  top = PADDING + geometry->line_height + LEGEND_GAP + geometry->small_height + 4;
  /* Across: the value labels (100 % is always one of them), then one
   * slot per indication. */
  ticks = create_ticks (height);
  left = PADDING + _tonic_chart_get_ticks_width (chart, ticks) + TONIC_CHART_LABEL_GAP;
  geometry->group_width = n_rows > 0 ? MAX (width - PADDING - left, 1) / n_rows : 0;
  geometry->bar_width = CLAMP (geometry->group_width * 0.3, 4, BAR_MAX_WIDTH);

  /* Down: under the plot, the tallest name and the number of courses. */
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(PangoLayout) layout = create_name_layout (self, get_row (self, i),
                                                          geometry->group_width - 8);
      PangoRectangle extents;

      pango_layout_get_pixel_extents (layout, NULL, &extents);
      names_height = MAX (names_height, extents.height);
    }
  geometry->names_height = names_height;
  bottom = height - PADDING - names_height - geometry->small_height - 2 -
           TONIC_CHART_LABEL_GAP;

  g_clear_pointer (&ticks, g_array_unref);
  ticks = create_ticks (MAX (bottom - top, 0));
  geometry->plot = GRAPHENE_RECT_INIT (left, top, MAX (width - PADDING - left, 1),
                                       MAX (bottom - top, 1));
  tonic_scale_init (&geometry->y, 0, 100, bottom, top);

  if (ticks_out != NULL)
    *ticks_out = g_steal_pointer (&ticks);
}

static double
group_centre (const Geometry *geometry,
              guint           index)
{
  return geometry->plot.origin.x + (index + 0.5) * geometry->group_width;
}

static void
append_bar (GtkSnapshot    *snapshot,
            const GdkRGBA  *color,
            const Geometry *geometry,
            double          x,
            double          percent)
{
  double base = tonic_scale_map (&geometry->y, 0);
  double top = tonic_scale_map (&geometry->y, percent);
  graphene_size_t round_corner = GRAPHENE_SIZE_INIT (BAR_RADIUS, BAR_RADIUS);
  graphene_size_t square_corner = GRAPHENE_SIZE_INIT (0, 0);
  GskRoundedRect bar;

  /* Even 0 % shows as a sliver on the axis. */
  if (base - top < 2)
    top = base - 2;

  gsk_rounded_rect_init (&bar,
                         &GRAPHENE_RECT_INIT (x, top, geometry->bar_width, base - top),
                         &round_corner, &round_corner, &square_corner, &square_corner);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, color, &bar.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
append_legend (TonicOverviewChart      *self,
               GtkSnapshot             *snapshot,
               const TonicChartPalette *palette,
               const Geometry          *geometry,
               int                      width)
{
  const struct
  {
    const GdkRGBA *color;
    const char    *label;
  } keys[] = {
    { &palette->response, _("Response") },
    { &palette->remission, _("Remission") },
  };
  TonicChart *chart = TONIC_CHART (self);
  const char *caption = _("Share of courses with a baseline and a later score");
  double x = geometry->plot.origin.x;
  double y = geometry->legend_y;
  int caption_width;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int label_width;

      _tonic_chart_fill_rect (snapshot, keys[i].color, x, round (y - SWATCH_SIZE / 2),
                              SWATCH_SIZE, SWATCH_SIZE);
      x += SWATCH_SIZE + TONIC_CHART_LABEL_GAP;
      _tonic_chart_append_text (chart, snapshot, keys[i].label, FALSE, &palette->text, x, y, 0,
                                0.5);
      _tonic_chart_measure_text (chart, keys[i].label, FALSE, &label_width, NULL);
      x += label_width + 2 * PADDING;
    }

  /* What the bars measure, when there is room for it. */
  _tonic_chart_measure_text (chart, caption, TRUE, &caption_width, NULL);
  if (x + caption_width <= width - PADDING)
    _tonic_chart_append_text (chart, snapshot, caption, TRUE, &palette->text_dim, width - PADDING,
                              y, 1, 0.5);
}

/* The indication's name (wrapped, at most LABEL_LINES lines) and its
 * number of courses, centred under its bars. */
static void
append_group_label (TonicOverviewChart      *self,
                    GtkSnapshot             *snapshot,
                    const TonicChartPalette *palette,
                    const Geometry          *geometry,
                    const TonicOverviewRow  *row,
                    double                   centre)
{
  TonicChart *chart = TONIC_CHART (self);
  double label_width = MAX (geometry->group_width - 8, 1);
  double y = geometry->plot.origin.y + geometry->plot.size.height + TONIC_CHART_LABEL_GAP;
  g_autoptr(PangoLayout) layout = create_name_layout (self, row, label_width);
  g_autofree char *courses = NULL;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (centre - label_width / 2), y));
  gtk_snapshot_append_layout (snapshot, layout, &palette->text);
  gtk_snapshot_restore (snapshot);

  /* Translators: under an indication's bars in the practice overview:
   * how many courses the shares are of */
  courses = g_strdup_printf (ngettext ("%u course", "%u courses", row->n_evaluated),
                             row->n_evaluated);
  _tonic_chart_append_text (chart, snapshot, courses, TRUE, &palette->text_dim, centre,
                            y + geometry->names_height + 2, 0.5, 0);
}

/* -- TonicChart ----------------------------------------------------------------------- */

static void
tonic_overview_chart_draw (TonicChart  *chart,
                           GtkSnapshot *snapshot,
                           int          width,
                           int          height,
                           gboolean     dark)
{
  TonicOverviewChart *self = TONIC_OVERVIEW_CHART (chart);
  const TonicChartPalette *palette = tonic_chart_palette_get (dark);
  g_autoptr(GArray) ticks = NULL;
  Geometry geometry;
  double base;

  gtk_snapshot_append_color (snapshot, &palette->background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->rows->len == 0)
    {
      _tonic_chart_append_text (chart, snapshot,
                                _("No course has a baseline and a later score yet"), FALSE,
                                &palette->text_dim, width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }

  compute_geometry (self, width, height, &geometry, &ticks);
  append_legend (self, snapshot, palette, &geometry, width);
  _tonic_chart_append_value_axis (chart, snapshot, palette, ticks, &geometry.y, &geometry.plot);

  base = tonic_scale_map (&geometry.y, 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const TonicOverviewRow *row = get_row (self, i);
      double centre = group_centre (&geometry, i);
      double response_x = round (centre - BAR_GAP / 2 - geometry.bar_width);
      double remission_x = round (centre + BAR_GAP / 2);
      double response = get_response_percent (row);
      double remission;
      g_autofree char *response_label = _tonic_overview_format_share (row->n_response,
                                                                      row->n_evaluated);

      append_bar (snapshot, &palette->response, &geometry, response_x, response);
      _tonic_chart_append_text (chart, snapshot, response_label, TRUE, &palette->text,
                                response_x + geometry.bar_width / 2,
                                MIN (tonic_scale_map (&geometry.y, response), base - 2) - 3,
                                0.5, 1);

      if (get_remission_percent (row, &remission))
        {
          g_autofree char *remission_label =
            _tonic_overview_format_share (row->n_remission, row->n_remission_evaluated);

          append_bar (snapshot, &palette->remission, &geometry, remission_x, remission);
          _tonic_chart_append_text (chart, snapshot, remission_label, TRUE, &palette->text,
                                    remission_x + geometry.bar_width / 2,
                                    MIN (tonic_scale_map (&geometry.y, remission), base - 2) - 3,
                                    0.5, 1);
        }
      else
        {
          /* Translators: in place of the remission bar of a measure that
           * has no remission rule (pain); keep it short */
          _tonic_chart_append_text (chart, snapshot, C_("remission", "no rule"), TRUE,
                                    &palette->text_dim, remission_x + geometry.bar_width / 2,
                                    base - 3, 0.5, 1);
        }

      append_group_label (self, snapshot, palette, &geometry, row, centre);
    }

  _tonic_chart_hline (snapshot, &palette->axis, geometry.plot.origin.x,
                      geometry.plot.origin.x + geometry.plot.size.width, base, 1);
}

static guint
tonic_overview_chart_get_n_points (TonicChart *chart)
{
  return TONIC_OVERVIEW_CHART (chart)->rows->len;
}

static gboolean
tonic_overview_chart_get_point_position (TonicChart       *chart,
                                         guint             index,
                                         int               width,
                                         int               height,
                                         graphene_point_t *position)
{
  TonicOverviewChart *self = TONIC_OVERVIEW_CHART (chart);
  const TonicOverviewRow *row;
  Geometry geometry;
  double percent;
  double remission;

  if (index >= self->rows->len)
    return FALSE;

  row = get_row (self, index);
  compute_geometry (self, width, height, &geometry, NULL);
  percent = get_response_percent (row);
  if (get_remission_percent (row, &remission))
    percent = MAX (percent, remission);

  /* The top of the taller bar, between the two. */
  position->x = group_centre (&geometry, index);
  position->y = tonic_scale_map (&geometry.y, percent);

  return TRUE;
}

static char *
tonic_overview_chart_describe_point (TonicChart *chart,
                                     guint       index)
{
  TonicOverviewChart *self = TONIC_OVERVIEW_CHART (chart);

  if (index >= self->rows->len)
    return NULL;

  return _tonic_overview_describe_row (get_row (self, index));
}

/* -- GObject -------------------------------------------------------------------------- */

static void
tonic_overview_chart_finalize (GObject *object)
{
  TonicOverviewChart *self = TONIC_OVERVIEW_CHART (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tonic_overview_chart_parent_class)->finalize (object);
}

static void
tonic_overview_chart_class_init (TonicOverviewChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  TonicChartClass *chart_class = TONIC_CHART_CLASS (klass);

  object_class->finalize = tonic_overview_chart_finalize;

  chart_class->draw = tonic_overview_chart_draw;
  chart_class->get_n_points = tonic_overview_chart_get_n_points;
  chart_class->get_point_position = tonic_overview_chart_get_point_position;
  chart_class->describe_point = tonic_overview_chart_describe_point;
}

static void
tonic_overview_chart_init (TonicOverviewChart *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_overview_row_free);
  tonic_chart_set_summary (TONIC_CHART (self),
                           _("No course has a baseline and a later score yet"));
}

/* -- Public API ------------------------------------------------------------------------- */

GtkWidget *
tonic_overview_chart_new (void)
{
  return g_object_new (TONIC_TYPE_OVERVIEW_CHART, NULL);
}

void
tonic_overview_chart_set_rows (TonicOverviewChart *self,
                               GPtrArray          *rows)
{
  g_autoptr(GString) summary = NULL;

  g_return_if_fail (TONIC_IS_OVERVIEW_CHART (self));

  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const TonicOverviewRow *row = g_ptr_array_index (rows, i);

      if (row->n_evaluated > 0)
        g_ptr_array_add (self->rows, tonic_overview_row_copy (row));
    }

  if (self->rows->len == 0)
    {
      tonic_chart_set_summary (TONIC_CHART (self),
                               _("No course has a baseline and a later score yet"));
    }
  else
    {
      /* One sentence per indication. */
      summary = g_string_new (_("Response and remission by indication."));
      for (guint i = 0; i < self->rows->len; i++)
        {
          g_autofree char *line = _tonic_overview_describe_row (get_row (self, i));

          /* Translators: ends one indication's sentence in the chart's
           * summary ("PTSD: response in 3 of 4 courses (75 %), …") */
          g_string_append_printf (summary, _(" %s."), line);
        }
      tonic_chart_set_summary (TONIC_CHART (self), summary->str);
    }

  tonic_chart_points_changed (TONIC_CHART (self));
}
