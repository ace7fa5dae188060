/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/* Every colour the charts use, light and dark (the dark one follows
 * libadwaita's dark style). Opaque unless noted, so that a chart drawn on
 * its background has known pixels. */

#define TONIC_CHART_N_BAND_COLOURS 5

typedef struct
{
  GdkRGBA background;
  GdkRGBA text;
  GdkRGBA text_dim;         /* tick labels, legend */
  GdkRGBA grid;
  GdkRGBA axis;
  /* Severity bands, from the lowest (minimal) to the highest (severe);
   * an instrument with fewer bands spreads them over this ramp
   * (tonic_chart_palette_get_band()). */
  GdkRGBA bands[TONIC_CHART_N_BAND_COLOURS];

  /* Outcome charts */
  GdkRGBA score;            /* the line and points */
  GdkRGBA baseline;
  GdkRGBA response;
  GdkRGBA remission;
  GdkRGBA safety;
  GdkRGBA gap;              /* a booster gap's shading (translucent) */

  /* Vitals charts */
  GdkRGBA systolic;
  GdkRGBA diastolic;
  GdkRGBA heart_rate;
  GdkRGBA spo2;
  GdkRGBA warning;
  GdkRGBA alarm;
  GdkRGBA peak_window;      /* the 30–40 minute window */

  /* The highlighted point and its label */
  GdkRGBA highlight;
  GdkRGBA callout;
  GdkRGBA callout_text;
} TonicChartPalette;

const TonicChartPalette *tonic_chart_palette_get      (gboolean                 dark);
/* The colour of band @index of an instrument with @n_bands bands. */
const GdkRGBA           *tonic_chart_palette_get_band (const TonicChartPalette *palette,
                                                       guint                    index,
                                                       guint                    n_bands);

G_END_DECLS
