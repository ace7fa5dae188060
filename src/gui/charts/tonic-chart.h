/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <cairo.h>

#include "tonic-chart-scale.h"

G_BEGIN_DECLS

/* The base of Tonic's charts (STYLE.md: charts are widgets that override
 * snapshot, with their data normalised before drawing).
 *
 * A chart draws itself through its class's draw() at any size, on screen
 * or off it: tonic_chart_render() gives the render node without a realized
 * widget (tests, export), tonic_chart_draw_cairo() draws on any cairo
 * context (the PDF progress report). Its accessible role is IMG and its
 * accessible label the summary a subclass sets: people who cannot see the
 * chart get the same message in words.
 *
 * A chart has points a person can visit: the pointer highlights the point
 * nearest to it (a click also focuses the chart); with the keyboard focus
 * on the chart Left/Right move to the previous/next point, Home/End to the
 * first and last, Escape lets go (actions chart.previous, chart.next,
 * chart.first, chart.last, chart.clear). The highlighted point is ringed,
 * its description drawn next to it and set as the accessible
 * description. */

#define TONIC_TYPE_CHART (tonic_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (TonicChart, tonic_chart, TONIC, CHART, GtkWidget)

struct _TonicChartClass
{
  GtkWidgetClass parent_class;

  /* Draws the whole chart in (0, 0, @width, @height): light colours, or
   * dark ones when @dark. Text comes from tonic_chart_create_layout();
   * colours from tonic-chart-palette.h. TonicChart draws the highlighted
   * point (a ring and its description) over it, on screen only. */
  void      (*draw)               (TonicChart       *self,
                                   GtkSnapshot      *snapshot,
                                   int               width,
                                   int               height,
                                   gboolean          dark);
  /* The points a person can visit, in order (left to right). */
  guint     (*get_n_points)       (TonicChart       *self);
  /* Where point @index is drawn at that size; FALSE when it is not drawn. */
  gboolean  (*get_point_position) (TonicChart       *self,
                                   guint             index,
                                   int               width,
                                   int               height,
                                   graphene_point_t *position);
  /* A translated description of point @index for the label next to the
   * highlighted point and the accessible description ("PHQ-9 6 on 12
   * March 2026 (−71 % from baseline)"). (g_free()) */
  char     *(*describe_point)     (TonicChart       *self,
                                   guint             index);

  gpointer padding[8];
};

typedef enum
{
  TONIC_CHART_FORMAT_PNG,
  TONIC_CHART_FORMAT_SVG,
} TonicChartFormat;

/* The format a file name asks for by its extension (".png", ".svg", any
 * case); FALSE for anything else. */
gboolean       tonic_chart_format_from_filename (const char       *filename,
                                                 TonicChartFormat *format);

/* The chart as a render node at @width × @height (in pixels), light or
 * @dark, without needing the widget to be realized or shown. NULL when
 * the size is empty. (gsk_render_node_unref()) */
GskRenderNode *tonic_chart_render              (TonicChart       *self,
                                                int               width,
                                                int               height,
                                                gboolean          dark);
/* Writes the chart in light colours to @file (replaced; readable by its
 * owner only, as it holds patient data) as a @width × @height PNG or SVG.
 * The caller audits the export. */
gboolean       tonic_chart_export              (TonicChart       *self,
                                                GFile            *file,
                                                TonicChartFormat  format,
                                                int               width,
                                                int               height,
                                                GError          **error);
/* Draws the chart in light colours in (0, 0, @width, @height) of @cr's
 * user space (points, on a PDF page), with print-sized text; @cr's state
 * is left as it was. */
void           tonic_chart_draw_cairo          (TonicChart       *self,
                                                cairo_t          *cr,
                                                double            width,
                                                double            height);

/* The text summary (the accessible label): "" until the subclass sets
 * one. */
const char    *tonic_chart_get_summary         (TonicChart       *self);

/* The highlighted point, or -1 for none. Setting clamps to the points
 * there are (-1 clears). */
int            tonic_chart_get_highlighted     (TonicChart       *self);
void           tonic_chart_set_highlighted     (TonicChart       *self,
                                                int               index);
guint          tonic_chart_get_n_points        (TonicChart       *self);
/* Where point @index is drawn in a @width × @height drawing; FALSE when it
 * is out of range or not drawn. */
gboolean       tonic_chart_get_point_position  (TonicChart       *self,
                                                guint             index,
                                                int               width,
                                                int               height,
                                                graphene_point_t *position);
/* The description of point @index (NULL when out of range). (g_free()) */
char          *tonic_chart_describe_point      (TonicChart       *self,
                                                guint             index);

/* -- For subclasses -------------------------------------------------------- */

/* Sets the summary and the accessible label. */
void           tonic_chart_set_summary         (TonicChart       *self,
                                                const char       *summary);
/* To call when the data changed: drops a highlight beyond the points,
 * redraws. */
void           tonic_chart_points_changed      (TonicChart       *self);
/* A layout of @text in the font of the drawing under way (the widget's
 * font on screen, a print font in tonic_chart_draw_cairo()); @small for
 * tick labels. Only valid inside draw(), or in get_point_position(). */
PangoLayout   *tonic_chart_create_layout       (TonicChart       *self,
                                                const char       *text,
                                                gboolean          small);

G_END_DECLS
