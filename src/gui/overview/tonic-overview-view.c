/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-overview-chart.h"
#include "tonic-overview-private.h"
#include "tonic-overview-view.h"

/* One line of the table: a TonicOverviewRow in a GObject, for the list
 * model. */
#define TONIC_TYPE_OVERVIEW_ITEM (tonic_overview_item_get_type ())
G_DECLARE_FINAL_TYPE (TonicOverviewItem, tonic_overview_item, TONIC, OVERVIEW_ITEM, GObject)

struct _TonicOverviewItem
{
  GObject          parent_instance;

  TonicOverviewRow row;
};

G_DEFINE_FINAL_TYPE (TonicOverviewItem, tonic_overview_item, G_TYPE_OBJECT)

struct _TonicOverviewView
{
  AdwBin parent_instance;

  GtkStack           *state_stack;
  AdwStatusPage      *error_status;
  GtkLabel           *summary_label;
  TonicOverviewChart *chart;
  GtkColumnView      *table;

  TonicStore   *store;
  GListStore   *items;         /* TonicOverviewItem */
  GCancellable *cancellable;   /* the load under way */
  guint         n_loads;       /* finished, successfully or not */
};

G_DEFINE_FINAL_TYPE (TonicOverviewView, tonic_overview_view, ADW_TYPE_BIN)

/* -- Items --------------------------------------------------------------------- */

static void
tonic_overview_item_class_init (TonicOverviewItemClass *klass)
{
}

static void
tonic_overview_item_init (TonicOverviewItem *self)
{
}

static TonicOverviewItem *
tonic_overview_item_new (const TonicOverviewRow *row)
{
  TonicOverviewItem *self = g_object_new (TONIC_TYPE_OVERVIEW_ITEM, NULL);

  self->row = *row;
  return self;
}

/* -- Helpers --------------------------------------------------------------------- */

static const TonicOverviewRow *
item_row (GtkListItem *item)
{
  return &TONIC_OVERVIEW_ITEM (gtk_list_item_get_item (item))->row;
}

static void
set_cell (GtkListItem *item,
          const char  *text)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* "75 % (3)", or "—" when nothing was evaluated. */
static char *
format_share_cell (guint count,
                   guint total)
{
  g_autofree char *share = NULL;

  if (total == 0)
    return g_strdup ("—");

  share = _tonic_overview_format_share (count, total);
  /* Translators: a cell of the practice overview: the share of courses
   * ("75 %") and how many courses that is */
  return g_strdup_printf (C_("overview share", "%s (%u)"), share, count);
}

static void
show_rows (TonicOverviewView *self,
           GPtrArray         *rows)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: a time of day in strftime() format, such as "14:05" */
  g_autofree char *time = g_date_time_format (now, _("%H:%M"));
  g_autofree char *summary = NULL;

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, tonic_overview_item_new (g_ptr_array_index (rows, i)));

  /* One change for the whole table. */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  tonic_overview_chart_set_rows (self->chart, rows);

  /* Translators: under the overview's title: %u is the number of
   * indications, %s a time ("14:05") */
  summary = g_strdup_printf (ngettext ("Courses of treatment under %u indication, as of %s",
                                       "Courses of treatment under %u indications, as of %s",
                                       rows->len),
                             rows->len, time);
  gtk_label_set_label (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->state_stack, rows->len > 0 ? "overview" : "empty");
}

/* -- Callbacks -------------------------------------------------------------------- */

static void
on_overview_loaded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicOverviewView) self = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = tonic_store_get_overview_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loads++;

  if (rows == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  show_rows (self, rows);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tonic_overview_view_reload (TONIC_OVERVIEW_VIEW (widget));
}

/* Template callbacks */

static void
on_text_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_number_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_indication_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  set_cell (item, tonic_indication_get_label (item_row (item)->indication));
}

static void
on_active_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_autofree char *text = g_strdup_printf ("%u", item_row (item)->n_active);

  set_cell (item, text);
}

static void
on_evaluated_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  const TonicOverviewRow *row = item_row (item);
  /* Translators: a cell of the practice overview: courses evaluated of all
   * the courses of an indication, such as "4 of 5" */
  g_autofree char *text = g_strdup_printf (C_("overview evaluated", "%u of %u"),
                                           row->n_evaluated, row->n_courses);

  set_cell (item, text);
}

static void
on_response_bind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  const TonicOverviewRow *row = item_row (item);
  g_autofree char *text = format_share_cell (row->n_response, row->n_evaluated);

  set_cell (item, text);
}

static void
on_remission_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  const TonicOverviewRow *row = item_row (item);
  g_autofree char *text = NULL;

  /* Evaluated courses whose measure has no remission rule (pain). */
  if (row->n_evaluated > 0 && row->n_remission_evaluated == 0)
    text = g_strdup (C_("remission", "No rule"));
  else
    text = format_share_cell (row->n_remission, row->n_remission_evaluated);

  set_cell (item, text);
}

static void
on_median_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  const TonicOverviewRow *row = item_row (item);
  g_autofree char *text = NULL;

  if (row->n_response == 0)
    text = g_strdup ("—");
  else
    /* Whole, or halfway between two (a median of an even count). */
    text = g_strdup_printf ("%.*f", row->median_infusions_to_response ==
                                      (guint) row->median_infusions_to_response ? 0 : 1,
                            row->median_infusions_to_response);

  set_cell (item, text);
}

/* -- GtkWidget ------------------------------------------------------------------------ */

static void
tonic_overview_view_map (GtkWidget *widget)
{
  TonicOverviewView *self = TONIC_OVERVIEW_VIEW (widget);

  GTK_WIDGET_CLASS (tonic_overview_view_parent_class)->map (widget);

  /* Shown, or shown again after the other views: what is true now. */
  tonic_overview_view_reload (self);
}

/* -- GObject -------------------------------------------------------------------------- */

static void
tonic_overview_view_dispose (GObject *object)
{
  TonicOverviewView *self = TONIC_OVERVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);

  /* The stack is both the bin's child and a template child: the bin lets
   * go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_OVERVIEW_VIEW);

  g_clear_object (&self->store);
  g_clear_object (&self->items);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_overview_view_parent_class)->dispose (object);
}

static void
tonic_overview_view_class_init (TonicOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_overview_view_dispose;
  widget_class->map = tonic_overview_view_map;

  g_type_ensure (TONIC_TYPE_OVERVIEW_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/overview/tonic-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicOverviewView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicOverviewView, error_status);
  gtk_widget_class_bind_template_child (widget_class, TonicOverviewView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TonicOverviewView, chart);
  gtk_widget_class_bind_template_child (widget_class, TonicOverviewView, table);
  gtk_widget_class_bind_template_callback (widget_class, on_text_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_number_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_indication_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_active_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_evaluated_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_response_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_remission_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_median_bind);

  gtk_widget_class_install_action (widget_class, "overview.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "overview.reload", NULL);
}

static void
tonic_overview_view_init (TonicOverviewView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (TONIC_TYPE_OVERVIEW_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
}

/* -- Public API ------------------------------------------------------------------------- */

GtkWidget *
tonic_overview_view_new (TonicStore *store)
{
  TonicOverviewView *self;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);

  self = g_object_new (TONIC_TYPE_OVERVIEW_VIEW, NULL);
  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

void
tonic_overview_view_reload (TonicOverviewView *self)
{
  g_return_if_fail (TONIC_IS_OVERVIEW_VIEW (self));

  if (self->store == NULL)
    return;

  /* A newer load replaces one under way. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Until the first answer there is nothing to show; afterwards the old
   * numbers stay until the new ones come. */
  if (self->n_loads == 0)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");

  tonic_store_get_overview_async (self->store, self->cancellable, on_overview_loaded,
                                  g_object_ref (self));
}
