/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "tonic-charts-private.h"

typedef struct
{
  char         *summary;
  int           highlighted;
  /* Whether the pointer chose the highlighted point (leaving clears it). */
  gboolean      highlight_from_pointer;
  /* The print font while tonic_chart_draw_cairo() draws; NULL on screen. */
  PangoContext *print_context;
} TonicChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TonicChart, tonic_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_HIGHLIGHTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How far from a point the pointer may be and still pick it. */
#define NEAR_DISTANCE 24.0
/* Print text sizes in points: labels and tick labels. */
#define PRINT_FONT_SIZE 8.5
#define SMALL_FONT_SCALE 0.85
/* The ring around the highlighted point and its label. */
#define HIGHLIGHT_RADIUS 7.0
#define CALLOUT_PADDING 6.0
#define CALLOUT_OFFSET 12.0
#define CALLOUT_MARGIN 4.0
/* Exports larger than this are refused. */
#define EXPORT_MAX_SIZE 8192

/* -- Helpers ----------------------------------------------------------------- */

static PangoContext *
create_print_context (TonicChart *self)
{
  PangoContext *screen = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (screen));
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points on a page: no hinting, metrics as designed. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  pango_font_description_set_size (font, (int) (PRINT_FONT_SIZE * PANGO_SCALE));
  pango_context_set_font_description (context, font);
  pango_context_set_language (context, pango_context_get_language (screen));

  cairo_font_options_destroy (options);
  pango_font_description_free (font);

  return context;
}

static void
update_description (TonicChart *self)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  g_autofree char *text = NULL;

  if (priv->highlighted >= 0)
    text = tonic_chart_describe_point (self, priv->highlighted);

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The drawn point nearest to @x along the x axis, within NEAR_DISTANCE. */
static int
find_point_near (TonicChart *self,
                 double      x)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint n_points = tonic_chart_get_n_points (self);
  g_autofree double *positions = NULL;
  g_autofree guint *indexes = NULL;
  guint n_drawn = 0;
  int nearest;

  if (n_points == 0 || width <= 0 || height <= 0)
    return -1;

  positions = g_new (double, n_points);
  indexes = g_new (guint, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      graphene_point_t position;

      if (!tonic_chart_get_point_position (self, i, width, height, &position))
        continue;
      /* Points are in order; keep the positions increasing. */
      if (n_drawn > 0 && position.x < positions[n_drawn - 1])
        position.x = positions[n_drawn - 1];
      positions[n_drawn] = position.x;
      indexes[n_drawn] = i;
      n_drawn++;
    }

  nearest = tonic_chart_find_nearest (positions, n_drawn, x, NEAR_DISTANCE);

  return nearest < 0 ? -1 : (int) indexes[nearest];
}

static void
highlight_from_pointer (TonicChart *self,
                        double      x)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  int index = find_point_near (self, x);

  if (index < 0 && !priv->highlight_from_pointer)
    return;

  priv->highlight_from_pointer = index >= 0;
  tonic_chart_set_highlighted (self, index);
}

static void
snapshot_highlight (TonicChart  *self,
                    GtkSnapshot *snapshot,
                    int          width,
                    int          height,
                    gboolean     dark)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  const TonicChartPalette *palette = tonic_chart_palette_get (dark);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  graphene_point_t point;
  PangoRectangle extents;
  GskRoundedRect box;
  double box_width;
  double box_height;
  double x;
  double y;
  cairo_t *cr;

  if (!tonic_chart_get_point_position (self, priv->highlighted, width, height, &point))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_arc (cr, point.x, point.y, HIGHLIGHT_RADIUS, 0, 2 * G_PI);
  cairo_set_line_width (cr, 2.0);
  gdk_cairo_set_source_rgba (cr, &palette->highlight);
  cairo_stroke (cr);
  cairo_destroy (cr);

  text = tonic_chart_describe_point (self, priv->highlighted);
  if (text == NULL)
    return;

  layout = tonic_chart_create_layout (self, text, FALSE);
  pango_layout_set_width (layout, MAX (1, width - 2 * (CALLOUT_MARGIN + CALLOUT_PADDING)) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_extents (layout, NULL, &extents);
  box_width = extents.width + 2 * CALLOUT_PADDING;
  box_height = extents.height + 2 * CALLOUT_PADDING;

  /* Above the point, or below it when there is no room above; within the
   * chart either way. */
  x = CLAMP (point.x - box_width / 2, CALLOUT_MARGIN, MAX (CALLOUT_MARGIN, width - box_width - CALLOUT_MARGIN));
  y = point.y - CALLOUT_OFFSET - box_height;
  if (y < CALLOUT_MARGIN)
    y = point.y + CALLOUT_OFFSET;

  gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x, y, box_width, box_height), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, &palette->callout, &box.bounds);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + CALLOUT_PADDING - extents.x,
                                                          y + CALLOUT_PADDING - extents.y));
  gtk_snapshot_append_layout (snapshot, layout, &palette->callout_text);
  gtk_snapshot_restore (snapshot);
}

static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  struct { GOutputStream *stream; GError *error; } *sink = data;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, bytes, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* -- Callbacks ------------------------------------------------------------------ */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicChart *self = TONIC_CHART (widget);
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  int last = (int) tonic_chart_get_n_points (self) - 1;
  int index;

  if (last < 0)
    return;

  if (g_str_equal (action_name, "chart.first"))
    index = 0;
  else if (g_str_equal (action_name, "chart.last"))
    index = last;
  else if (g_str_equal (action_name, "chart.next"))
    index = priv->highlighted < 0 ? 0 : MIN (priv->highlighted + 1, last);
  else
    index = priv->highlighted < 0 ? last : MAX (priv->highlighted - 1, 0);

  priv->highlight_from_pointer = FALSE;
  tonic_chart_set_highlighted (self, index);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tonic_chart_set_highlighted (TONIC_CHART (widget), -1);
}

static void
update_actions (TonicChart *self)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  gboolean any = tonic_chart_get_n_points (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.previous", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.next", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.first", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.last", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.clear", priv->highlighted >= 0);
}

static void
on_motion_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  TonicChart               *self)
{
  highlight_from_pointer (self, x);
}

static void
on_motion_leave (GtkEventControllerMotion *motion,
                 TonicChart               *self)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);

  if (priv->highlight_from_pointer && !gtk_widget_has_focus (GTK_WIDGET (self)))
    tonic_chart_set_highlighted (self, -1);
  priv->highlight_from_pointer = FALSE;
}

static void
on_click_pressed (GtkGestureClick *click,
                  int              n_press,
                  double           x,
                  double           y,
                  TonicChart      *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  highlight_from_pointer (self, x);
}

static void
on_focus_leave (GtkEventControllerFocus *focus,
                TonicChart              *self)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);

  if (!priv->highlight_from_pointer)
    tonic_chart_set_highlighted (self, -1);
}

/* -- Overrides -------------------------------------------------------------------- */

static void
tonic_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  TonicChart *self = TONIC_CHART (widget);
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  AdwStyleManager *style = adw_style_manager_get_for_display (gtk_widget_get_display (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (style);

  if (width <= 0 || height <= 0)
    return;

  TONIC_CHART_GET_CLASS (self)->draw (self, snapshot, width, height, dark);

  if (priv->highlighted >= 0)
    snapshot_highlight (self, snapshot, width, height, dark);
}

static void
tonic_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 140;
      *natural = 240;
    }
}

static void
tonic_chart_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tonic_chart_parent_class)->css_changed (widget, change);

  /* The dark style and the font come through here. */
  gtk_widget_queue_draw (widget);
}

static void
tonic_chart_finalize (GObject *object)
{
  TonicChart *self = TONIC_CHART (object);
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);

  g_clear_pointer (&priv->summary, g_free);
  g_clear_object (&priv->print_context);

  G_OBJECT_CLASS (tonic_chart_parent_class)->finalize (object);
}

static void
tonic_chart_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TonicChart *self = TONIC_CHART (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, tonic_chart_get_summary (self));
      break;

    case PROP_HIGHLIGHTED:
      g_value_set_int (value, tonic_chart_get_highlighted (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_chart_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TonicChart *self = TONIC_CHART (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHTED:
      tonic_chart_set_highlighted (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_chart_class_init (TonicChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tonic_chart_finalize;
  object_class->get_property = tonic_chart_get_property;
  object_class->set_property = tonic_chart_set_property;

  widget_class->snapshot = tonic_chart_snapshot;
  widget_class->measure = tonic_chart_measure;
  widget_class->css_changed = tonic_chart_css_changed;

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHTED] =
    g_param_spec_int ("highlighted", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.first", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.last", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.clear", NULL, clear_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.clear", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tonic_chart_init (TonicChart *self)
{
  TonicChartPrivate *priv = tonic_chart_get_instance_private (self);
  GtkEventController *controller;

  priv->summary = g_strdup ("");
  priv->highlighted = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  update_actions (self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_motion_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* -- Public API ---------------------------------------------------------------------- */

gboolean
tonic_chart_format_from_filename (const char       *filename,
                                  TonicChartFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  lower = g_ascii_strdown (filename, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = TONIC_CHART_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = TONIC_CHART_FORMAT_SVG;
  else
    return FALSE;

  return TRUE;
}

GskRenderNode *
tonic_chart_render (TonicChart *self,
                    int         width,
                    int         height,
                    gboolean    dark)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (TONIC_IS_CHART (self), NULL);

  if (width <= 0 || height <= 0)
    return NULL;

  snapshot = gtk_snapshot_new ();
  TONIC_CHART_GET_CLASS (self)->draw (self, snapshot, width, height, dark);

  return gtk_snapshot_free_to_node (snapshot);
}

gboolean
tonic_chart_export (TonicChart        *self,
                    GFile             *file,
                    TonicChartFormat   format,
                    int                width,
                    int                height,
                    GError           **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  struct { GOutputStream *stream; GError *error; } sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (TONIC_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format == TONIC_CHART_FORMAT_PNG || format == TONIC_CHART_FORMAT_SVG, FALSE);
  g_return_val_if_fail (width > 0 && width <= EXPORT_MAX_SIZE, FALSE);
  g_return_val_if_fail (height > 0 && height <= EXPORT_MAX_SIZE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A new file in place of the old, readable by its owner only. */
  stream = g_file_replace (file, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, error);
  if (stream == NULL)
    return FALSE;
  sink.stream = G_OUTPUT_STREAM (stream);

  node = tonic_chart_render (self, width, height, FALSE);

  if (format == TONIC_CHART_FORMAT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else
    surface = cairo_svg_surface_create_for_stream (write_to_stream, &sink, width, height);

  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  if (format == TONIC_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, &sink);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (sink.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&sink.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* Translators: exporting a chart failed; the reason is
                  * cairo's own message */
                 _("The chart could not be drawn: %s"), cairo_status_to_string (status));

  if (sink.error != NULL)
    {
      /* Closing a cancelled stream leaves the old file as it was. */
      cancellable = g_cancellable_new ();
      g_cancellable_cancel (cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
      g_propagate_error (error, sink.error);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

void
tonic_chart_draw_cairo (TonicChart *self,
                        cairo_t    *cr,
                        double      width,
                        double      height)
{
  TonicChartPrivate *priv;
  g_autoptr(GskRenderNode) node = NULL;
  int pixel_width;
  int pixel_height;

  g_return_if_fail (TONIC_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  priv = tonic_chart_get_instance_private (self);
  pixel_width = (int) ceil (width);
  pixel_height = (int) ceil (height);

  g_clear_object (&priv->print_context);
  priv->print_context = create_print_context (self);
  node = tonic_chart_render (self, pixel_width, pixel_height, FALSE);
  g_clear_object (&priv->print_context);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_scale (cr, width / pixel_width, height / pixel_height);
  gsk_render_node_draw (node, cr);
  cairo_restore (cr);
}

const char *
tonic_chart_get_summary (TonicChart *self)
{
  TonicChartPrivate *priv;

  g_return_val_if_fail (TONIC_IS_CHART (self), NULL);

  priv = tonic_chart_get_instance_private (self);
  return priv->summary;
}

int
tonic_chart_get_highlighted (TonicChart *self)
{
  TonicChartPrivate *priv;

  g_return_val_if_fail (TONIC_IS_CHART (self), -1);

  priv = tonic_chart_get_instance_private (self);
  return priv->highlighted;
}

void
tonic_chart_set_highlighted (TonicChart *self,
                             int         index)
{
  TonicChartPrivate *priv;
  guint n_points;

  g_return_if_fail (TONIC_IS_CHART (self));

  priv = tonic_chart_get_instance_private (self);
  n_points = tonic_chart_get_n_points (self);
  if (index < 0 || n_points == 0)
    index = -1;
  else
    index = MIN ((guint) index, n_points - 1);

  if (index == priv->highlighted)
    return;

  priv->highlighted = index;
  update_description (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED]);
}

guint
tonic_chart_get_n_points (TonicChart *self)
{
  TonicChartClass *klass;

  g_return_val_if_fail (TONIC_IS_CHART (self), 0);

  klass = TONIC_CHART_GET_CLASS (self);
  return klass->get_n_points != NULL ? klass->get_n_points (self) : 0;
}

gboolean
tonic_chart_get_point_position (TonicChart       *self,
                                guint             index,
                                int               width,
                                int               height,
                                graphene_point_t *position)
{
  TonicChartClass *klass;

  g_return_val_if_fail (TONIC_IS_CHART (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  klass = TONIC_CHART_GET_CLASS (self);
  if (klass->get_point_position == NULL || index >= tonic_chart_get_n_points (self) ||
      width <= 0 || height <= 0)
    return FALSE;

  return klass->get_point_position (self, index, width, height, position);
}

char *
tonic_chart_describe_point (TonicChart *self,
                            guint       index)
{
  TonicChartClass *klass;

  g_return_val_if_fail (TONIC_IS_CHART (self), NULL);

  klass = TONIC_CHART_GET_CLASS (self);
  if (klass->describe_point == NULL || index >= tonic_chart_get_n_points (self))
    return NULL;

  return klass->describe_point (self, index);
}

void
tonic_chart_set_summary (TonicChart *self,
                         const char *summary)
{
  TonicChartPrivate *priv;

  g_return_if_fail (TONIC_IS_CHART (self));

  priv = tonic_chart_get_instance_private (self);
  if (summary == NULL)
    summary = "";

  if (g_strcmp0 (priv->summary, summary) != 0)
    {
      g_free (priv->summary);
      priv->summary = g_strdup (summary);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      priv->summary, -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
}

void
tonic_chart_points_changed (TonicChart *self)
{
  TonicChartPrivate *priv;
  guint n_points;

  g_return_if_fail (TONIC_IS_CHART (self));

  priv = tonic_chart_get_instance_private (self);
  n_points = tonic_chart_get_n_points (self);
  if (priv->highlighted >= 0 && (guint) priv->highlighted >= n_points)
    tonic_chart_set_highlighted (self, -1);
  else
    update_description (self);

  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PangoLayout *
tonic_chart_create_layout (TonicChart *self,
                           const char *text,
                           gboolean    small)
{
  TonicChartPrivate *priv;
  PangoContext *context;
  PangoLayout *layout;

  g_return_val_if_fail (TONIC_IS_CHART (self), NULL);

  priv = tonic_chart_get_instance_private (self);
  context = priv->print_context != NULL ? priv->print_context
                                        : gtk_widget_get_pango_context (GTK_WIDGET (self));
  layout = pango_layout_new (context);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  if (small)
    {
      PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (context));
      int size = (int) (pango_font_description_get_size (font) * SMALL_FONT_SCALE);

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size);
      else
        pango_font_description_set_size (font, size);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
    }

  return layout;
}

/* -- Drawing helpers (tonic-charts-private.h) ------------------------------------ */

gboolean
_tonic_chart_layout_key_update (TonicChart          *self,
                                TonicChartLayoutKey *key,
                                int                  width,
                                int                  height)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (key->valid && key->width == width && key->height == height && key->serial == serial)
    return FALSE;

  *key = (TonicChartLayoutKey) { width, height, serial, TRUE };
  return TRUE;
}

void
_tonic_chart_fill_rect (GtkSnapshot   *snapshot,
                        const GdkRGBA *color,
                        double         x,
                        double         y,
                        double         width,
                        double         height)
{
  if (width <= 0 || height <= 0)
    return;

  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

void
_tonic_chart_hline (GtkSnapshot   *snapshot,
                    const GdkRGBA *color,
                    double         from,
                    double         to,
                    double         y,
                    double         thickness)
{
  double top = floor (y - thickness / 2 + 0.5);

  _tonic_chart_fill_rect (snapshot, color, MIN (from, to), top, fabs (to - from), thickness);
}

void
_tonic_chart_vline (GtkSnapshot   *snapshot,
                    const GdkRGBA *color,
                    double         x,
                    double         from,
                    double         to,
                    double         thickness)
{
  double left = floor (x - thickness / 2 + 0.5);

  _tonic_chart_fill_rect (snapshot, color, left, MIN (from, to), thickness, fabs (to - from));
}

void
_tonic_chart_dashed_hline (GtkSnapshot   *snapshot,
                           const GdkRGBA *color,
                           double         from,
                           double         to,
                           double         y,
                           double         thickness,
                           double         dash)
{
  double top = floor (y - thickness / 2 + 0.5);

  g_assert (dash > 0);

  for (double x = MIN (from, to); x < MAX (from, to); x += 2 * dash)
    _tonic_chart_fill_rect (snapshot, color, x, top, MIN (dash, MAX (from, to) - x), thickness);
}

void
_tonic_chart_path_marker (cairo_t          *cr,
                          TonicChartMarker  marker,
                          double            x,
                          double            y,
                          double            radius)
{
  switch (marker)
    {
    case TONIC_CHART_MARKER_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      break;

    case TONIC_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - radius * 0.85, y - radius * 0.85, radius * 1.7, radius * 1.7);
      break;

    case TONIC_CHART_MARKER_TRIANGLE_UP:
      cairo_move_to (cr, x, y - radius * 1.15);
      cairo_line_to (cr, x + radius * 1.1, y + radius * 0.75);
      cairo_line_to (cr, x - radius * 1.1, y + radius * 0.75);
      cairo_close_path (cr);
      break;

    case TONIC_CHART_MARKER_TRIANGLE_DOWN:
      cairo_move_to (cr, x, y + radius * 1.15);
      cairo_line_to (cr, x + radius * 1.1, y - radius * 0.75);
      cairo_line_to (cr, x - radius * 1.1, y - radius * 0.75);
      cairo_close_path (cr);
      break;

    case TONIC_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - radius * 1.2);
      cairo_line_to (cr, x + radius * 1.2, y);
      cairo_line_to (cr, x, y + radius * 1.2);
      cairo_line_to (cr, x - radius * 1.2, y);
      cairo_close_path (cr);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
_tonic_chart_measure_text (TonicChart *self,
                           const char *text,
                           gboolean    small,
                           int        *width,
                           int        *height)
{
  g_autoptr(PangoLayout) layout = tonic_chart_create_layout (self, text, small);
  PangoRectangle extents;

  pango_layout_get_pixel_extents (layout, NULL, &extents);
  if (width != NULL)
    *width = extents.width;
  if (height != NULL)
    *height = extents.height;
}

void
_tonic_chart_append_text (TonicChart    *self,
                          GtkSnapshot   *snapshot,
                          const char    *text,
                          gboolean       small,
                          const GdkRGBA *color,
                          double         x,
                          double         y,
                          double         xalign,
                          double         yalign)
{
  g_autoptr(PangoLayout) layout = tonic_chart_create_layout (self, text, small);
  PangoRectangle extents;

  pango_layout_get_pixel_extents (layout, NULL, &extents);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - xalign * extents.width) - extents.x,
                                                          round (y - yalign * extents.height) - extents.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

gboolean
_tonic_chart_append_line_label (TonicChart            *self,
                                GtkSnapshot           *snapshot,
                                GArray                *placed,
                                const char            *label,
                                const GdkRGBA         *color,
                                double                 right,
                                double                 y,
                                const graphene_rect_t *bounds)
{
  int width;
  int height;

  _tonic_chart_measure_text (self, label, TRUE, &width, &height);

  /* Right above, right below, then at the left end of the plot. */
  for (guint pass = 0; pass < 4; pass++)
    {
      double x = pass < 2 ? right - width : bounds->origin.x + 4;
      graphene_rect_t box = GRAPHENE_RECT_INIT (x, pass % 2 == 0 ? y - 2 - height : y + 2,
                                                width, height);
      gboolean room = graphene_rect_contains_rect (bounds, &box);

      for (guint i = 0; i < placed->len && room; i++)
        room = !graphene_rect_intersection (&box, &g_array_index (placed, graphene_rect_t, i), NULL);

      if (room)
        {
          g_array_append_val (placed, box);
          _tonic_chart_append_text (self, snapshot, label, TRUE, color,
                                    box.origin.x, box.origin.y, 0.0, 0.0);
          return TRUE;
        }
    }

  return FALSE;
}

int
_tonic_chart_get_ticks_width (TonicChart *self,
                              GArray     *ticks)
{
  int widest = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const TonicChartTick *tick = &g_array_index (ticks, TonicChartTick, i);
      int width;

      _tonic_chart_measure_text (self, tick->label, TRUE, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

void
_tonic_chart_append_value_axis (TonicChart              *self,
                                GtkSnapshot             *snapshot,
                                const TonicChartPalette *palette,
                                GArray                  *ticks,
                                const TonicScale        *scale,
                                const graphene_rect_t   *plot)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      const TonicChartTick *tick = &g_array_index (ticks, TonicChartTick, i);
      double y = tonic_scale_map (scale, tick->value);

      _tonic_chart_hline (snapshot, &palette->grid, plot->origin.x,
                          plot->origin.x + plot->size.width, y, 1);
      _tonic_chart_append_text (self, snapshot, tick->label, TRUE, &palette->text_dim,
                                plot->origin.x - TONIC_CHART_LABEL_GAP, y, 1.0, 0.5);
    }
}

void
_tonic_chart_append_time_axis (TonicChart              *self,
                               GtkSnapshot             *snapshot,
                               const TonicChartPalette *palette,
                               GArray                  *ticks,
                               const TonicScale        *scale,
                               const graphene_rect_t   *plot,
                               double                   grid_top,
                               int                      width)
{
  double bottom = plot->origin.y + plot->size.height;
  double last_end = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      const TonicChartTick *tick = &g_array_index (ticks, TonicChartTick, i);
      double x = tonic_scale_map (scale, tick->value);
      int label_width;

      if (x < plot->origin.x - 0.5 || x > plot->origin.x + plot->size.width + 0.5)
        continue;

      _tonic_chart_vline (snapshot, &palette->grid, x, grid_top, bottom, 1);
      _tonic_chart_vline (snapshot, &palette->axis, x, bottom, bottom + 4, 1);

      /* Thin the labels out rather than let them touch or leave the
       * drawing. */
      _tonic_chart_measure_text (self, tick->label, TRUE, &label_width, NULL);
      if (x - label_width / 2.0 < last_end + TONIC_CHART_LABEL_GAP ||
          x - label_width / 2.0 < 0 || x + label_width / 2.0 > width)
        continue;

      _tonic_chart_append_text (self, snapshot, tick->label, TRUE, &palette->text_dim,
                                x, bottom + 4 + TONIC_CHART_LABEL_GAP / 2, 0.5, 0.0);
      last_end = x + label_width / 2.0;
    }

  _tonic_chart_hline (snapshot, &palette->axis, plot->origin.x,
                      plot->origin.x + plot->size.width, bottom, 1);
}
