/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-charts"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tonic-outcome-chart.h"
#include "tonic-vitals-chart.h"

/* How long an outcome chart takes to draw, offscreen, the way the
 * progress report and the export draw it: the render nodes of the chart
 * at 800 × 300 and their drawing on an image surface. Prints one line per
 * size of series:
 *
 *   bench-charts [ROUNDS]     (default 200; needs a display)
 *
 * Not part of the test suite: a program to run and read (TESTING.md,
 * "Evidence harness"). */

#define WIDTH  800
#define HEIGHT 300

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static TonicOutcomeSeries *
make_series (guint n_points)
{
  TonicOutcomeSeries *series = tonic_outcome_series_new (TONIC_INSTRUMENT_PHQ9, NULL);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 8, G_DATE_JANUARY, 2024);
  for (guint i = 0; i < n_points; i++)
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &day);
      tonic_outcome_series_add_point (series, i + 1, text, 3 + (i * 7) % 23, TRUE, i == 1);
      g_date_add_days (&day, 4);
    }

  return series;
}

static void
bench (guint n_points,
       guint rounds)
{
  g_autoptr(TonicOutcomeSeries) series = make_series (n_points);
  GtkWidget *chart = g_object_ref_sink (tonic_outcome_chart_new ());
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autoptr(GArray) times = g_array_sized_new (FALSE, FALSE, sizeof (double), rounds);
  double total = 0;

  tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (chart), series);
  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      GskRenderNode *node = tonic_chart_render (TONIC_CHART (chart), WIDTH, HEIGHT, FALSE);
      cairo_t *cr = cairo_create (surface);
      double ms;

      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      gsk_render_node_unref (node);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      total += ms;
    }

  g_array_sort (times, compare_doubles);
  printf ("chart-render points=%u rounds=%u mean_ms=%.2f p50_ms=%.2f p99_ms=%.2f\n", n_points,
          rounds, total / rounds, g_array_index (times, double, rounds / 2),
          g_array_index (times, double, MIN (rounds - 1, rounds * 99 / 100)));

  cairo_surface_destroy (surface);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 2, 30, 300 };
  guint rounds = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 200;

  gtk_init ();
  rounds = MAX (rounds, 1);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench (sizes[i], rounds);

  return EXIT_SUCCESS;
}
