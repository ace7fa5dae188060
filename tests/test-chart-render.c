/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-render"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>

#include "tonic-chart-palette.h"
#include "tonic-outcome-chart.h"
#include "tonic-vitals-chart.h"

/* Charts drawn offscreen for fixed fixtures, checked pixel by pixel at
 * places the layout says: a broken chart (no bands, points in the wrong
 * place or colour, no thresholds) fails here. */

#define WIDTH 640
#define HEIGHT 320

/* -- Helpers ------------------------------------------------------------------ */

static cairo_surface_t *
render (TonicChart *chart,
        int         width,
        int         height,
        gboolean    dark)
{
  g_autoptr(GskRenderNode) node = tonic_chart_render (chart, width, height, dark);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  const char *dir = g_getenv ("TONIC_TEST_SCREENSHOT_DIR");

  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* For a person to look at. */
  if (dir != NULL)
    {
      static guint count;
      g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '-');
      g_autofree char *file = g_strdup_printf ("chart%s-%u%s.png", name, ++count, dark ? "-dark" : "");
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }

  return surface;
}

/* The pixel at (@x, @y) (the pixel that holds that point) as 0–255
 * channels; alpha is returned too. */
static void
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y,
           int              rgba[4])
{
  int px = (int) floor (x);
  int py = (int) floor (y);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;
  int alpha;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  pixel = *(const guint32 *) (data + py * stride + px * 4);
  alpha = (pixel >> 24) & 0xff;
  rgba[3] = alpha;
  for (int i = 0; i < 3; i++)
    {
      int channel = (pixel >> (16 - 8 * i)) & 0xff;

      /* Undo the premultiplication. */
      rgba[i] = alpha > 0 ? (channel * 255 + alpha / 2) / alpha : 0;
    }
}

static gboolean
pixel_is (cairo_surface_t *surface,
          double           x,
          double           y,
          const GdkRGBA   *color)
{
  int rgba[4];
  int expected[3] = {
    (int) round (color->red * 255), (int) round (color->green * 255), (int) round (color->blue * 255)
  };

  get_pixel (surface, x, y, rgba);
  for (int i = 0; i < 3; i++)
    if (ABS (rgba[i] - expected[i]) > 3)
      {
        g_test_message ("pixel (%.1f, %.1f) is #%02x%02x%02x, expected #%02x%02x%02x",
                        x, y, rgba[0], rgba[1], rgba[2], expected[0], expected[1], expected[2]);
        return FALSE;
      }

  return rgba[3] == 255;
}

#define assert_pixel(surface, x, y, color) \
  g_assert_true (pixel_is ((surface), (x), (y), (color)))

/* @color drawn at @alpha over @under. */
static GdkRGBA
blend (const GdkRGBA *over,
       const GdkRGBA *under)
{
  return (GdkRGBA) {
    over->red * over->alpha + under->red * (1 - over->alpha),
    over->green * over->alpha + under->green * (1 - over->alpha),
    over->blue * over->alpha + under->blue * (1 - over->alpha),
    1.0,
  };
}

static char *
day_after (const char *start,
           guint       days)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  g_date_set_parse (&date, start);
  g_assert_true (g_date_valid (&date));
  g_date_add_days (&date, days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);

  return g_strdup (text);
}

static TonicChart *
new_outcome_chart (TonicOutcomeSeries *series)
{
  TonicChart *chart = TONIC_CHART (g_object_ref_sink (tonic_outcome_chart_new ()));

  tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (chart), series);
  return chart;
}

static const GdkRGBA *
phq9_band_colour (const TonicChartPalette *palette,
                  double                   score)
{
  return tonic_chart_palette_get_band (palette, tonic_instrument_find_band (TONIC_INSTRUMENT_PHQ9, score),
                                       tonic_instrument_get_n_bands (TONIC_INSTRUMENT_PHQ9));
}

/* The summary is the series' text, and the chart's accessible label. */
static void
assert_summary (TonicChart         *chart,
                TonicOutcomeSeries *series)
{
  g_autofree char *expected = tonic_outcome_series_get_summary (series);

  g_test_message ("summary: %s", tonic_chart_get_summary (chart));
  g_assert_cmpstr (tonic_chart_get_summary (chart), ==, expected);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
}

/* -- Outcome charts -------------------------------------------------------------- */

/* No points: the bands and the axis are there, and the message. */
static void
test_outcome_empty (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = new_outcome_chart (series);
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_rect_t plot;
  TonicScale y;

  assert_summary (chart, series);
  g_assert_nonnull (strstr (tonic_chart_get_summary (chart), "PHQ-9"));
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 0);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, NULL, &y);

  /* Mild (5–9) and severe (20–27) shaded in their colours, and nothing
   * but the background around the plot. */
  assert_pixel (surface, plot.origin.x + 3, tonic_scale_map (&y, 7), phq9_band_colour (palette, 7));
  assert_pixel (surface, plot.origin.x + 3, tonic_scale_map (&y, 23), phq9_band_colour (palette, 23));
  g_assert_false (gdk_rgba_equal (phq9_band_colour (palette, 7), phq9_band_colour (palette, 23)));
  assert_pixel (surface, 1, 1, &palette->background);
  assert_pixel (surface, WIDTH - 2, HEIGHT - 2, &palette->background);

  /* The plot covers most of the drawing. */
  g_assert_cmpfloat (plot.size.width, >, WIDTH / 2);
  g_assert_cmpfloat (plot.size.height, >, HEIGHT / 2);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* One point: the baseline, drawn at its score, filled (an infusion). */
static void
test_outcome_one (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_point_t point;
  graphene_rect_t plot;
  TonicScale x;
  TonicScale y;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  chart = new_outcome_chart (series);
  assert_summary (chart, series);
  g_assert_nonnull (strstr (tonic_chart_get_summary (chart), "21"));
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 1);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, &x, &y);
  g_assert_true (tonic_chart_get_point_position (chart, 0, WIDTH, HEIGHT, &point));

  /* In the middle of the plot (one day, padded each side) at 21. */
  g_assert_cmpfloat (fabs (point.x - (plot.origin.x + plot.size.width / 2)), <, 1);
  g_assert_cmpfloat (fabs (point.y - tonic_scale_map (&y, 21)), <, 0.01);
  assert_pixel (surface, point.x, point.y, &palette->score);
  /* The baseline runs across at 21. */
  assert_pixel (surface, plot.origin.x + 3, tonic_scale_map (&y, 21), &palette->baseline);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* Two points, 21 then 6: response and remission lines, a hollow point for
 * a session without an infusion, and a safety flag. */
static void
test_outcome_two (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_point_t first;
  graphene_point_t second;
  graphene_rect_t plot;
  g_autofree char *description = NULL;
  double response;
  double remission;
  TonicScale y;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-17", 4, FALSE, TRUE);
  chart = new_outcome_chart (series);
  assert_summary (chart, series);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, NULL, &y);
  g_assert_true (tonic_chart_get_point_position (chart, 0, WIDTH, HEIGHT, &first));
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &second));

  /* Date order, left to right, inside the plot. */
  g_assert_cmpfloat (first.x, >, plot.origin.x);
  g_assert_cmpfloat (second.x, >, first.x);
  g_assert_cmpfloat (second.x, <, plot.origin.x + plot.size.width);
  g_assert_cmpfloat (second.y, >, first.y);

  /* Filled, then hollow (the background inside). */
  assert_pixel (surface, first.x, first.y, &palette->score);
  assert_pixel (surface, second.x, second.y, &palette->background);

  /* The lines at 50 % of the baseline and at the remission threshold (a
   * dash starts at the left edge of the plot). */
  g_assert_true (tonic_outcome_series_get_response_level (series, &response));
  g_assert_true (tonic_outcome_series_get_remission_level (series, &remission));
  g_assert_cmpfloat (response, ==, 10.5);
  assert_pixel (surface, plot.origin.x + 2, tonic_scale_map (&y, response) - 0.5, &palette->response);
  assert_pixel (surface, plot.origin.x + 2, tonic_scale_map (&y, remission) - 0.5, &palette->remission);

  /* The safety flag: a mark at the top of the plot above the point. */
  assert_pixel (surface, second.x, plot.origin.y + 4, &palette->safety);
  assert_pixel (surface, first.x + 6, plot.origin.y + 4, phq9_band_colour (palette, 27));

  /* Highlighting: clamped, described, cleared. */
  tonic_chart_set_highlighted (chart, 7);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 1);
  description = tonic_chart_describe_point (chart, 1);
  g_test_message ("point 1: %s", description);
  g_assert_nonnull (strstr (description, "4"));
  g_assert_nonnull (strstr (description, "no infusion"));
  g_assert_nonnull (strstr (description, "safety flag"));
  tonic_chart_set_highlighted (chart, -1);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, -1);
  g_assert_null (tonic_chart_describe_point (chart, 2));

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* 300 points over about three years: every point where the scales put it,
 * in the point colour; the points shrink but stay inside the plot. */
static void
test_outcome_many (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_rect_t plot;
  double previous_x = -1;
  TonicScale x;
  TonicScale y;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *day = day_after ("2024-01-08", i * 4);

      tonic_outcome_series_add_point (series, i + 1, day, 5 + (i * 7) % 22, TRUE, FALSE);
    }
  chart = new_outcome_chart (series);
  /* Gaps between infusions of four days are no booster gaps. */
  tonic_outcome_chart_set_booster_gap_days (TONIC_OUTCOME_CHART (chart), 14);
  assert_summary (chart, series);
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 300);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  g_test_message ("300 points drawn in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, &x, &y);

  for (guint i = 0; i < 300; i++)
    {
      graphene_point_t point;

      g_assert_true (tonic_chart_get_point_position (chart, i, WIDTH, HEIGHT, &point));
      g_assert_cmpfloat (point.x, >, previous_x);
      g_assert_true (graphene_rect_contains_point (&plot, &point));
      g_assert_cmpfloat (fabs (point.y - tonic_scale_map (&y, 5 + (i * 7) % 22)), <, 0.01);
      previous_x = point.x;

      if (i % 17 == 0 || i == 299)
        assert_pixel (surface, point.x, point.y, &palette->score);
    }

  cairo_surface_destroy (surface);

  /* Small multiples and a wide screen: the points stay in the plot. */
  for (guint size = 0; size < 3; size++)
    {
      const int widths[] = { 200, 300, 1200 };
      const int heights[] = { 140, 160, 400 };
      graphene_point_t point;

      surface = render (chart, widths[size], heights[size], size == 1);
      _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), widths[size], heights[size],
                                       &plot, NULL, NULL);
      g_assert_cmpfloat (plot.size.width, >, widths[size] / 2);
      g_assert_true (tonic_chart_get_point_position (chart, 0, widths[size], heights[size], &point));
      g_assert_true (graphene_rect_contains_point (&plot, &point));
      g_assert_true (tonic_chart_get_point_position (chart, 299, widths[size], heights[size], &point));
      g_assert_true (graphene_rect_contains_point (&plot, &point));
      assert_pixel (surface, point.x, point.y, &tonic_chart_palette_get (size == 1)->score);
      cairo_surface_destroy (surface);
    }

  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* A session with an infusion but no score is no point, but counts as an
 * infusion in the summary. */
static void
test_outcome_missing_session (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_point_t point;
  graphene_point_t last;
  TonicScale y;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 20, TRUE, FALSE);
  tonic_outcome_series_add_infusion (series, 2, "2026-03-06");
  tonic_outcome_series_add_point (series, 3, "2026-03-10", 12, TRUE, FALSE);
  chart = new_outcome_chart (series);
  assert_summary (chart, series);
  g_assert_nonnull (strstr (tonic_chart_get_summary (chart), "3 infusions"));
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 2);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, NULL, NULL, &y);
  g_assert_true (tonic_chart_get_point_position (chart, 0, WIDTH, HEIGHT, &point));
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &last));
  assert_pixel (surface, point.x, point.y, &palette->score);
  assert_pixel (surface, last.x, last.y, &palette->score);
  g_assert_cmpfloat (fabs (last.y - tonic_scale_map (&y, 12)), <, 0.01);
  /* One straight line from the first to the last: nothing in between. */
  assert_pixel (surface, (point.x + last.x) / 2, (point.y + last.y) / 2, &palette->score);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* A score of 0 sits on the bottom of the plot, in the point colour. */
static void
test_outcome_zero (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_point_t point;
  graphene_rect_t plot;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 15, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-05", 0, TRUE, FALSE);
  chart = new_outcome_chart (series);
  assert_summary (chart, series);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, NULL, NULL);
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &point));
  g_assert_cmpfloat (fabs (point.y - (plot.origin.y + plot.size.height)), <, 0.01);
  assert_pixel (surface, point.x, point.y - 1, &palette->score);
  assert_pixel (surface, point.x, point.y + 1, &palette->score);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* A booster gap is shaded, with the line dashed across it. */
static void
test_outcome_booster_gap (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  cairo_surface_t *surface;
  graphene_point_t before;
  graphene_point_t after;
  GdkRGBA shaded;
  TonicScale y;
  double x;

  tonic_outcome_series_add_point (series, 1, "2026-01-05", 20, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-01-12", 14, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 3, "2026-04-13", 9, TRUE, FALSE);
  chart = new_outcome_chart (series);
  tonic_outcome_chart_set_booster_gap_days (TONIC_OUTCOME_CHART (chart), 42);

  surface = render (chart, WIDTH, HEIGHT, FALSE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, NULL, NULL, &y);
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &before));
  g_assert_true (tonic_chart_get_point_position (chart, 2, WIDTH, HEIGHT, &after));

  /* Inside the gap, away from its label and the line: the band under the
   * gap's shading; outside it, the band alone. */
  x = before.x + (after.x - before.x) / 4;
  shaded = blend (&palette->gap, phq9_band_colour (palette, 23));
  assert_pixel (surface, x, tonic_scale_map (&y, 23), &shaded);
  assert_pixel (surface, before.x - 8, tonic_scale_map (&y, 23), phq9_band_colour (palette, 23));

  /* Without a gap limit nothing is shaded. */
  cairo_surface_destroy (surface);
  tonic_outcome_chart_set_booster_gap_days (TONIC_OUTCOME_CHART (chart), 0);
  surface = render (chart, WIDTH, HEIGHT, FALSE);
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &before));
  g_assert_true (tonic_chart_get_point_position (chart, 2, WIDTH, HEIGHT, &after));
  x = before.x + (after.x - before.x) / 4;
  assert_pixel (surface, x, tonic_scale_map (&y, 23), phq9_band_colour (palette, 23));

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* The dark palette on a dark background. */
static void
test_outcome_dark (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  const TonicChartPalette *palette = tonic_chart_palette_get (TRUE);
  cairo_surface_t *surface;
  graphene_point_t point;
  graphene_rect_t plot;
  TonicScale y;

  g_assert_false (gdk_rgba_equal (&palette->background, &tonic_chart_palette_get (FALSE)->background));

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-10", 13, TRUE, FALSE);
  chart = new_outcome_chart (series);

  surface = render (chart, WIDTH, HEIGHT, TRUE);
  _tonic_outcome_chart_get_layout (TONIC_OUTCOME_CHART (chart), WIDTH, HEIGHT, &plot, NULL, &y);
  g_assert_true (tonic_chart_get_point_position (chart, 1, WIDTH, HEIGHT, &point));
  assert_pixel (surface, 1, 1, &palette->background);
  assert_pixel (surface, plot.origin.x + 3, tonic_scale_map (&y, 7), phq9_band_colour (palette, 7));
  assert_pixel (surface, point.x, point.y, &palette->score);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* The keyboard's actions move the highlighted point, within the points. */
static void
test_outcome_keyboard (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  GtkWidget *widget;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-06", 17, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 3, "2026-03-10", 12, TRUE, FALSE);
  chart = new_outcome_chart (series);
  widget = GTK_WIDGET (chart);
  g_assert_true (gtk_widget_get_focusable (widget));

  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, -1);
  gtk_widget_activate_action (widget, "chart.next", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 0);
  gtk_widget_activate_action (widget, "chart.next", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 1);
  gtk_widget_activate_action (widget, "chart.last", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 2);
  gtk_widget_activate_action (widget, "chart.next", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 2);
  gtk_widget_activate_action (widget, "chart.previous", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 1);
  gtk_widget_activate_action (widget, "chart.first", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 0);
  gtk_widget_activate_action (widget, "chart.previous", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 0);
  gtk_widget_activate_action (widget, "chart.clear", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, -1);
  /* From nothing, Left starts at the end. */
  gtk_widget_activate_action (widget, "chart.previous", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 2);

  /* Another series drops the highlight; no points, nothing to move to. */
  tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (chart), NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, -1);
  g_assert_cmpstr (tonic_chart_get_summary (chart), ==, "No scores");
  gtk_widget_activate_action (widget, "chart.next", NULL);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, -1);

  g_assert_finalize_object (g_steal_pointer (&chart));
}

static gboolean
is_drawable (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* On screen (in a window), the highlighted point is ringed and described
 * in a label above it. */
static void
test_outcome_on_screen (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = tonic_outcome_chart_new ();
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  graphene_point_t point;
  cairo_t *cr;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width;
  int height;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-10", 12, TRUE, FALSE);
  tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (chart), series);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  gtk_window_set_child (GTK_WINDOW (window), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 240);
  gtk_window_present (GTK_WINDOW (window));
  while (!is_drawable (chart) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (is_drawable (chart));

  tonic_chart_set_highlighted (TONIC_CHART (chart), 1);
  width = gtk_widget_get_width (chart);
  height = gtk_widget_get_height (chart);
  g_assert_true (tonic_chart_get_point_position (TONIC_CHART (chart), 1, width, height, &point));

  /* What GTK asks of the widget when it draws a frame. */
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The point, the ring 7 pixels out, and the label's box above. */
  assert_pixel (surface, point.x, point.y, &palette->score);
  assert_pixel (surface, point.x + 7, point.y, &palette->highlight);
  assert_pixel (surface, point.x - 7, point.y, &palette->highlight);
  assert_pixel (surface, point.x, point.y - 14, &palette->callout);

  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* -- Vitals charts ----------------------------------------------------------------- */

static void
add_vitals (TonicSession      *session,
            int                minute,
            TonicVitalsPhase   phase,
            int                systolic,
            int                diastolic,
            int                heart_rate,
            int                spo2,
            TonicVitalsLevel   level,
            TonicVitalsAction  action)
{
  TonicSessionVitals *vitals = g_new0 (TonicSessionVitals, 1);

  vitals->id = session->vitals->len + 1;
  vitals->session_id = session->id;
  vitals->minute = minute;
  vitals->phase = phase;
  vitals->reading = (TonicVitalsReading) { systolic, diastolic, heart_rate, spo2, 16 };
  vitals->level = level;
  vitals->action = action;
  g_ptr_array_add (session->vitals, vitals);
}

static void
test_vitals_session (void)
{
  g_autoptr(TonicSession) session = tonic_session_new ();
  g_autoptr(TonicChart) chart = TONIC_CHART (g_object_ref_sink (tonic_vitals_chart_new ()));
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  TonicVitalsThresholds thresholds;
  cairo_surface_t *surface;
  graphene_rect_t upper;
  graphene_rect_t lower;
  graphene_point_t point;
  g_autofree char *description = NULL;
  TonicScale x;
  TonicScale upper_y;
  TonicScale lower_y;
  const char *summary;

  session->id = 7;
  /* Out of order on purpose: the chart sorts by minute. */
  add_vitals (session, 15, TONIC_VITALS_PHASE_DURING, 130, 82, 72, 98,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);
  add_vitals (session, -5, TONIC_VITALS_PHASE_PRE, 124, 78, 70, 98,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);
  add_vitals (session, 35, TONIC_VITALS_PHASE_DURING, 184, 104, 84, 97,
              TONIC_VITALS_LEVEL_ALARM, TONIC_VITALS_ACTION_SLOW);
  add_vitals (session, 60, TONIC_VITALS_PHASE_RECOVERY, 136, 84, 76, 98,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);
  tonic_vitals_thresholds_init_default (&thresholds);

  tonic_vitals_chart_set_session (TONIC_VITALS_CHART (chart), session, &thresholds);
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 4);

  summary = tonic_chart_get_summary (chart);
  g_test_message ("summary: %s", summary);
  g_assert_nonnull (strstr (summary, "4 readings"));
  g_assert_nonnull (strstr (summary, "184/104"));
  g_assert_nonnull (strstr (summary, "1 alert, acknowledged"));

  description = tonic_chart_describe_point (chart, 2);
  g_test_message ("point 2: %s", description);
  g_assert_nonnull (strstr (description, "35 min"));
  g_assert_nonnull (strstr (description, "184/104"));
  g_assert_nonnull (strstr (description, "Slow infusion"));

  surface = render (chart, WIDTH, 360, FALSE);
  _tonic_vitals_chart_get_layout (TONIC_VITALS_CHART (chart), WIDTH, 360, &upper, &lower,
                                  &x, &upper_y, &lower_y);
  g_assert_cmpfloat (upper.origin.y + upper.size.height, <, lower.origin.y);

  /* Points in minute order; the first (−5 min) left of the dose start. */
  g_assert_true (tonic_chart_get_point_position (chart, 0, WIDTH, 360, &point));
  g_assert_cmpfloat (point.x, <, tonic_scale_map (&x, 0));
  g_assert_cmpfloat (fabs (point.y - tonic_scale_map (&upper_y, 124)), <, 0.01);

  /* The systolic marker of minute 15, the diastolic and heart rate ones. */
  assert_pixel (surface, tonic_scale_map (&x, 15), tonic_scale_map (&upper_y, 130), &palette->systolic);
  assert_pixel (surface, tonic_scale_map (&x, 15), tonic_scale_map (&upper_y, 82), &palette->diastolic);
  assert_pixel (surface, tonic_scale_map (&x, 60), tonic_scale_map (&upper_y, 76), &palette->heart_rate);
  assert_pixel (surface, tonic_scale_map (&x, 60), tonic_scale_map (&lower_y, 98), &palette->spo2);

  /* The 30–40 minute window, in both panels, away from the lines. */
  assert_pixel (surface, tonic_scale_map (&x, 31), tonic_scale_map (&upper_y, 140), &palette->peak_window);
  assert_pixel (surface, tonic_scale_map (&x, 39), tonic_scale_map (&lower_y, 94), &palette->peak_window);
  assert_pixel (surface, tonic_scale_map (&x, 24), tonic_scale_map (&upper_y, 60), &palette->background);

  /* Threshold lines: systolic alarm at 180, SpO2 alarm at 92. */
  assert_pixel (surface, upper.origin.x + 3, tonic_scale_map (&upper_y, 180) - 0.5, &palette->alarm);
  assert_pixel (surface, lower.origin.x + 3, tonic_scale_map (&lower_y, 92) - 0.5, &palette->alarm);
  g_assert_false (pixel_is (surface, upper.origin.x + 3, tonic_scale_map (&upper_y, 170), &palette->alarm));

  /* The acknowledged alarm: a filled mark above the panel at 35 min. */
  assert_pixel (surface, tonic_scale_map (&x, 35), upper.origin.y - 6, &palette->alarm);

  cairo_surface_destroy (surface);

  /* Another session replaces the readings; none at all says so. */
  tonic_vitals_chart_set_session (TONIC_VITALS_CHART (chart), NULL, NULL);
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 0);
  g_assert_cmpstr (tonic_chart_get_summary (chart), ==, "No vitals recorded in this session");
  surface = render (chart, WIDTH, 360, FALSE);
  assert_pixel (surface, 1, 1, &palette->background);
  cairo_surface_destroy (surface);

  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* An alert not yet acknowledged: a hollow mark, and the summary says so. */
static void
test_vitals_unacknowledged (void)
{
  g_autoptr(TonicSession) session = tonic_session_new ();
  g_autoptr(TonicChart) chart = TONIC_CHART (g_object_ref_sink (tonic_vitals_chart_new ()));
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  graphene_rect_t upper;
  TonicScale x;
  TonicScale upper_y;

  add_vitals (session, 10, TONIC_VITALS_PHASE_DURING, 128, 80, 70, 98,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);
  add_vitals (session, 45, TONIC_VITALS_PHASE_DURING, 166, 96, 80, 97,
              TONIC_VITALS_LEVEL_WARNING, TONIC_VITALS_ACTION_NONE);
  tonic_vitals_chart_set_session (TONIC_VITALS_CHART (chart), session, NULL);

  g_test_message ("summary: %s", tonic_chart_get_summary (chart));
  g_assert_nonnull (strstr (tonic_chart_get_summary (chart), "2 readings"));
  g_assert_nonnull (strstr (tonic_chart_get_summary (chart), "1 alert is not acknowledged"));
  description = tonic_chart_describe_point (chart, 1);
  g_assert_nonnull (strstr (description, "not acknowledged"));

  surface = render (chart, WIDTH, 360, FALSE);
  _tonic_vitals_chart_get_layout (TONIC_VITALS_CHART (chart), WIDTH, 360, &upper, NULL,
                                  &x, &upper_y, NULL);
  /* Hollow: the background inside the mark; the systolic value ringed in
   * the warning colour (its ring passes 7 pixels above the value). */
  assert_pixel (surface, tonic_scale_map (&x, 45), upper.origin.y - 6, &palette->background);
  assert_pixel (surface, tonic_scale_map (&x, 45), tonic_scale_map (&upper_y, 166) - 7, &palette->warning);

  cairo_surface_destroy (surface);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* -- Export and print -------------------------------------------------------------- */

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              data,
                  GError              **error)
{
  if (g_str_equal (element, "svg"))
    *(gboolean *) data = TRUE;
}

static void
test_export (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tonic-chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-dir/chart.png");
  g_autoptr(GMarkupParseContext) parser = NULL;
  GMarkupParser callbacks = { on_start_element, NULL, NULL, NULL, NULL };
  g_autofree char *text = NULL;
  gboolean has_svg = FALSE;
  cairo_surface_t *image;
  TonicChartFormat format;
  GStatBuf st;

  g_assert_no_error (error);
  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-10", 9, TRUE, FALSE);
  chart = new_outcome_chart (series);

  g_assert_true (tonic_chart_format_from_filename ("Outcome.PNG", &format));
  g_assert_cmpint (format, ==, TONIC_CHART_FORMAT_PNG);
  g_assert_true (tonic_chart_format_from_filename ("a/b.svg", &format));
  g_assert_cmpint (format, ==, TONIC_CHART_FORMAT_SVG);
  g_assert_false (tonic_chart_format_from_filename ("chart.pdf", &format));

  /* PNG: the size asked for, the owner alone may read it, and a second
   * export replaces it. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (tonic_chart_export (chart, png_file, TONIC_CHART_FORMAT_PNG, 500 + i * 100, 250,
                                         &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 500 + i * 100);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 250);
      /* Light colours: a white corner. */
      assert_pixel (image, 0, 0, &tonic_chart_palette_get (FALSE)->background);
      cairo_surface_destroy (image);
      g_assert_cmpint (g_stat (png, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
    }

  /* SVG: well-formed XML with an <svg> element. */
  g_assert_true (tonic_chart_export (chart, svg_file, TONIC_CHART_FORMAT_SVG, 480, 240, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<svg"));
  parser = g_markup_parse_context_new (&callbacks, 0, &has_svg, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (parser, &error));
  g_assert_no_error (error);
  g_assert_true (has_svg);
  g_assert_cmpint (g_stat (svg, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* A folder that is not there. */
  g_assert_false (tonic_chart_export (chart, nowhere, TONIC_CHART_FORMAT_PNG, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

/* Drawn on a cairo context (the report's): inside the rectangle asked for
 * and nowhere else, in light colours. */
static void
test_draw_cairo (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  g_autoptr(TonicChart) chart = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t *cr = cairo_create (surface);
  int rgba[4];

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-10", 9, TRUE, FALSE);
  chart = new_outcome_chart (series);

  cairo_translate (cr, 50, 25);
  tonic_chart_draw_cairo (chart, cr, 300.5, 150.5);
  /* The context is as it was. */
  cairo_rectangle (cr, -50, -25, 10, 10);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  assert_pixel (surface, 51, 26, &tonic_chart_palette_get (FALSE)->background);
  assert_pixel (surface, 349, 174, &tonic_chart_palette_get (FALSE)->background);
  get_pixel (surface, 49, 100, rgba);
  g_assert_cmpint (rgba[3], ==, 0);
  get_pixel (surface, 352, 100, rgba);
  g_assert_cmpint (rgba[3], ==, 0);
  get_pixel (surface, 200, 177, rgba);
  g_assert_cmpint (rgba[3], ==, 0);
  get_pixel (surface, 5, 5, rgba);
  g_assert_cmpint (rgba[3], ==, 255);

  cairo_surface_destroy (surface);

  /* On a PDF page the labels stay text (pdftotext reads them back). */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("tonic-chart-XXXXXX", &error);
    g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
    g_autofree char *text = NULL;
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
    int status;

    g_assert_no_error (error);
    surface = cairo_pdf_surface_create (pdf, 595, 842);
    cr = cairo_create (surface);
    cairo_translate (cr, 56, 72);
    tonic_chart_draw_cairo (chart, cr, 483, 200);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    g_test_message ("pdftotext read:\n%s", text);
    g_assert_nonnull (strstr (text, "Baseline"));
    g_assert_nonnull (strstr (text, "Response"));
    g_assert_nonnull (strstr (text, "Severe"));
    g_assert_nonnull (strstr (text, "Mar"));

    if (g_getenv ("TONIC_TEST_SCREENSHOT_DIR") != NULL)
      {
        g_autofree char *copy = g_build_filename (g_getenv ("TONIC_TEST_SCREENSHOT_DIR"), "chart.pdf", NULL);
        g_autofree char *contents = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
        g_assert_true (g_file_set_contents (copy, contents, length, NULL));
      }

    g_unlink (pdf);
    g_rmdir (dir);
  }

  g_assert_finalize_object (g_steal_pointer (&chart));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/chart-render/outcome/empty", test_outcome_empty);
  g_test_add_func ("/chart-render/outcome/one", test_outcome_one);
  g_test_add_func ("/chart-render/outcome/two", test_outcome_two);
  g_test_add_func ("/chart-render/outcome/many", test_outcome_many);
  g_test_add_func ("/chart-render/outcome/missing-session", test_outcome_missing_session);
  g_test_add_func ("/chart-render/outcome/zero", test_outcome_zero);
  g_test_add_func ("/chart-render/outcome/booster-gap", test_outcome_booster_gap);
  g_test_add_func ("/chart-render/outcome/dark", test_outcome_dark);
  g_test_add_func ("/chart-render/outcome/keyboard", test_outcome_keyboard);
  g_test_add_func ("/chart-render/outcome/on-screen", test_outcome_on_screen);
  g_test_add_func ("/chart-render/vitals/session", test_vitals_session);
  g_test_add_func ("/chart-render/vitals/unacknowledged", test_vitals_unacknowledged);
  g_test_add_func ("/chart-render/export", test_export);
  g_test_add_func ("/chart-render/draw-cairo", test_draw_cairo);

  return g_test_run ();
}
