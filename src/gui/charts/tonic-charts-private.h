/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-chart.h"
#include "tonic-chart-palette.h"

G_BEGIN_DECLS

/* Drawing helpers shared by the charts (inside draw() only). Lines along
 * an axis are filled rectangles snapped to whole pixels, so that they are
 * crisp on screen and have known pixels in tests. */

/* The space between the plot and the labels around it. */
#define TONIC_CHART_LABEL_GAP 6.0

typedef enum
{
  TONIC_CHART_MARKER_CIRCLE,
  TONIC_CHART_MARKER_SQUARE,
  TONIC_CHART_MARKER_TRIANGLE_UP,
  TONIC_CHART_MARKER_TRIANGLE_DOWN,
  TONIC_CHART_MARKER_DIAMOND,
} TonicChartMarker;

void     _tonic_chart_fill_rect        (GtkSnapshot             *snapshot,
                                        const GdkRGBA           *color,
                                        double                   x,
                                        double                   y,
                                        double                   width,
                                        double                   height);
/* A line @thickness pixels thick centred on @y (or @x), from @from to @to. */
void     _tonic_chart_hline            (GtkSnapshot             *snapshot,
                                        const GdkRGBA           *color,
                                        double                   from,
                                        double                   to,
                                        double                   y,
                                        double                   thickness);
void     _tonic_chart_vline            (GtkSnapshot             *snapshot,
                                        const GdkRGBA           *color,
                                        double                   x,
                                        double                   from,
                                        double                   to,
                                        double                   thickness);
/* A horizontal line of dashes @dash long with gaps as long. */
void     _tonic_chart_dashed_hline     (GtkSnapshot             *snapshot,
                                        const GdkRGBA           *color,
                                        double                   from,
                                        double                   to,
                                        double                   y,
                                        double                   thickness,
                                        double                   dash);
/* Adds the outline of a marker centred on (@x, @y) to @cr's path. */
void     _tonic_chart_path_marker      (cairo_t                 *cr,
                                        TonicChartMarker         marker,
                                        double                   x,
                                        double                   y,
                                        double                   radius);

/* What a subclass's cached layout was measured for. */
typedef struct
{
  int      width;
  int      height;
  guint    serial;    /* of the screen font context */
  gboolean valid;     /* FALSE once the data changed */
} TonicChartLayoutKey;

/* Whether a layout measured for @key must be measured again for a
 * @width × @height drawing on screen (another size, font or data); @key
 * is then updated to it. */
gboolean _tonic_chart_layout_key_update (TonicChart          *self,
                                         TonicChartLayoutKey *key,
                                         int                  width,
                                         int                  height);

/* The size of @text's ink-free logical box in the font of the drawing. */
void     _tonic_chart_measure_text     (TonicChart              *self,
                                        const char              *text,
                                        gboolean                 small,
                                        int                     *width,
                                        int                     *height);
/* Draws @text with its box placed at (@x, @y) by @xalign and @yalign (0:
 * the box starts there, 0.5: centred on it, 1: ends there). */
void     _tonic_chart_append_text      (TonicChart              *self,
                                        GtkSnapshot             *snapshot,
                                        const char              *text,
                                        gboolean                 small,
                                        const GdkRGBA           *color,
                                        double                   x,
                                        double                   y,
                                        double                   xalign,
                                        double                   yalign);
/* The label of a line across a plot: right-aligned at @right, just above
 * @y or else just below it (or else likewise at the left of @bounds),
 * inside @bounds and clear of the boxes in @placed (graphene_rect_t), to
 * which its box is added. Draws it and returns TRUE, or FALSE when there
 * was no room. */
gboolean _tonic_chart_append_line_label (TonicChart            *self,
                                         GtkSnapshot           *snapshot,
                                         GArray                *placed,
                                         const char            *label,
                                         const GdkRGBA         *color,
                                         double                 right,
                                         double                 y,
                                         const graphene_rect_t *bounds);
/* The widest label of @ticks (TonicChartTick), small text. */
int      _tonic_chart_get_ticks_width  (TonicChart              *self,
                                        GArray                  *ticks);
/* Grid lines across @plot at the @ticks of @scale (a y scale) and their
 * labels right-aligned left of it. */
void     _tonic_chart_append_value_axis (TonicChart             *self,
                                         GtkSnapshot            *snapshot,
                                         const TonicChartPalette *palette,
                                         GArray                 *ticks,
                                         const TonicScale       *scale,
                                         const graphene_rect_t  *plot);
/* The axis line under @plot, a mark at each of @ticks of @scale (an x
 * scale) with its label centred below, leaving out labels that would
 * touch the one before or leave the drawing, and light vertical grid
 * lines from @grid_top down to the axis. */
void     _tonic_chart_append_time_axis (TonicChart              *self,
                                        GtkSnapshot             *snapshot,
                                        const TonicChartPalette *palette,
                                        GArray                  *ticks,
                                        const TonicScale        *scale,
                                        const graphene_rect_t   *plot,
                                        double                   grid_top,
                                        int                      width);

G_END_DECLS
