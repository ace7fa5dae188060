/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-chart-palette"

#include "config.h"

#include "tonic-chart-palette.h"

/* GNOME's palette (the HIG's), tints of it for the bands. */
#define RGB(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }
#define RGBA(r, g, b, a) { (r) / 255.f, (g) / 255.f, (b) / 255.f, (a) }

static const TonicChartPalette light = {
  .background = RGB (0xff, 0xff, 0xff),
  .text = RGB (0x24, 0x24, 0x24),
  .text_dim = RGB (0x5e, 0x5c, 0x64),
  .grid = RGB (0xe4, 0xe3, 0xe0),
  .axis = RGB (0x9a, 0x99, 0x96),
  .bands = {
    RGB (0xe3, 0xf4, 0xe7),   /* green */
    RGB (0xee, 0xf4, 0xdc),   /* yellow-green */
    RGB (0xfb, 0xf1, 0xd2),   /* yellow */
    RGB (0xfc, 0xe4, 0xd2),   /* orange */
    RGB (0xfa, 0xda, 0xdb),   /* red */
  },
  .score = RGB (0x1c, 0x71, 0xd8),
  .baseline = RGB (0x5e, 0x5c, 0x64),
  .response = RGB (0xc6, 0x46, 0x00),
  .remission = RGB (0x26, 0xa2, 0x69),
  .safety = RGB (0xc0, 0x1c, 0x28),
  .gap = RGBA (0x77, 0x76, 0x7b, 0.18f),
  .systolic = RGB (0x1c, 0x71, 0xd8),
  .diastolic = RGB (0x21, 0x8c, 0x8d),
  .heart_rate = RGB (0x81, 0x3d, 0x9c),
  .spo2 = RGB (0x26, 0xa2, 0x69),
  .warning = RGB (0xe5, 0xa5, 0x0a),
  .alarm = RGB (0xc0, 0x1c, 0x28),
  .peak_window = RGB (0xf2, 0xec, 0xf8),
  .highlight = RGB (0x1a, 0x5f, 0xb4),
  .callout = RGB (0x30, 0x30, 0x30),
  .callout_text = RGB (0xff, 0xff, 0xff),
};

static const TonicChartPalette dark = {
  .background = RGB (0x1e, 0x1e, 0x1e),
  .text = RGB (0xf0, 0xf0, 0xf0),
  .text_dim = RGB (0xb0, 0xaf, 0xac),
  .grid = RGB (0x36, 0x36, 0x36),
  .axis = RGB (0x77, 0x76, 0x7b),
  .bands = {
    RGB (0x1d, 0x33, 0x26),
    RGB (0x2a, 0x33, 0x20),
    RGB (0x38, 0x33, 0x1c),
    RGB (0x3d, 0x2a, 0x1c),
    RGB (0x42, 0x22, 0x24),
  },
  .score = RGB (0x78, 0xae, 0xed),
  .baseline = RGB (0xc0, 0xbf, 0xbc),
  .response = RGB (0xff, 0xa3, 0x48),
  .remission = RGB (0x8f, 0xf0, 0xa4),
  .safety = RGB (0xf6, 0x61, 0x51),
  .gap = RGBA (0xff, 0xff, 0xff, 0.12f),
  .systolic = RGB (0x78, 0xae, 0xed),
  .diastolic = RGB (0x5b, 0xc8, 0xaf),
  .heart_rate = RGB (0xdc, 0x8a, 0xdd),
  .spo2 = RGB (0x8f, 0xf0, 0xa4),
  .warning = RGB (0xf8, 0xe4, 0x5c),
  .alarm = RGB (0xf6, 0x61, 0x51),
  .peak_window = RGB (0x2c, 0x26, 0x36),
  .highlight = RGB (0x99, 0xc1, 0xf1),
  .callout = RGB (0xf0, 0xf0, 0xf0),
  .callout_text = RGB (0x1e, 0x1e, 0x1e),
};

const TonicChartPalette *
tonic_chart_palette_get (gboolean dark_style)
{
  return dark_style ? &dark : &light;
}

const GdkRGBA *
tonic_chart_palette_get_band (const TonicChartPalette *palette,
                              guint                    index,
                              guint                    n_bands)
{
  guint slot;

  g_return_val_if_fail (palette != NULL, NULL);

  /* Spread n bands over the ramp so that the lowest is always green and
   * the highest always red. */
  if (n_bands <= 1)
    slot = 0;
  else
    slot = (MIN (index, n_bands - 1) * (TONIC_CHART_N_BAND_COLOURS - 1) + (n_bands - 1) / 2) /
           (n_bands - 1);

  return &palette->bands[MIN (slot, TONIC_CHART_N_BAND_COLOURS - 1)];
}
