/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patients-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-patient-editor.h"
#include "tonic-patient-list.h"
#include "tonic-patient-record.h"
#include "tonic-patient-row.h"
#include "tonic-patients-private.h"
#include "tonic-patients-view.h"
#include "tonic-text.h"
#include "tonic-toast.h"

#define LIST_ITEM_KEY  "tonic-list-item"
#define BINDING_KEY    "tonic-binding"
#define PATIENT_ID_KEY "tonic-patient-id"

/* What to do once the form is left (after asking, when it has changes). */
typedef enum
{
  LEAVE_CANCEL,  /* back to the record, or to nothing */
  LEAVE_OPEN,    /* open another patient */
  LEAVE_NEW,     /* start a new patient */
  LEAVE_BACK,    /* back to the list in a narrow window */
} LeaveKind;

struct _TonicPatientsView
{
  AdwBin parent_instance;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkWidget          *new_button;
  GtkMenuButton      *filter_button;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_status;
  GtkWidget          *empty_new_button;
  AdwStatusPage      *no_matches_status;
  AdwStatusPage      *list_error_status;
  GtkWidget          *back_button;
  GtkWidget          *cancel_button;
  AdwWindowTitle     *detail_title;
  GtkWidget          *save_button;
  GtkWidget          *menu_button;
  GtkWidget          *edit_button;
  GtkStack           *detail_stack;
  AdwStatusPage      *detail_error_status;
  TonicPatientRecord *record;
  TonicPatientEditor *editor;

  TonicStore         *store;
  TonicStaff         *actor;
  GSettings          *settings;
  /* Archiving and counting; opening a patient has its own, so that opening
   * another drops the answer about the one before. */
  GCancellable       *cancellable;
  GCancellable       *open_cancellable;
  TonicPatientList   *list;
  GtkSingleSelection *selection;
  GSimpleActionGroup *filters;
  GMenuModel         *filter_menu;

  /* The query, besides the search text. */
  TonicPatientStatus  status;
  TonicIndication     indication;
  gboolean            appointment_today;
  guint               phases;         /* a mask of (1 << TonicCoursePhase) */
  gboolean            overdue_scale;
  gboolean            safety_alert;
  TonicPatientSort    sort;

  gint64    shown_id;    /* the patient in the record; 0 for none */
  gint64    opening_id;  /* the patient being opened; 0 for none */
  /* Select this patient's row once it is read (after a new query, after
   * saving a new patient); 0 for none. */
  gint64    select_id;
  guint     select_position;
  guint     select_source;
  gboolean  selecting;
  /* The rows the list view has made (at most a few hundred): where a
   * patient's row is looked for, never in the list itself. */
  GPtrArray        *rows;
  /* A row activated before its page arrived. */
  TonicPatientItem *pending_item;
  gulong            pending_handler;

  AdwMessageDialog *discard_dialog;
  LeaveKind         leave_kind;
  gint64            leave_id;
};

G_DEFINE_FINAL_TYPE (TonicPatientsView, tonic_patients_view, ADW_TYPE_BIN)

enum {
  BOOK_APPOINTMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct
{
  TonicPatientStatus  status;
  const char         *id;
  const char         *label;
} status_filters[] = {
  { TONIC_PATIENT_STATUS_ACTIVE, "active", N_("_Active Patients") },
  { TONIC_PATIENT_STATUS_ARCHIVED, "archived", N_("A_rchived Patients") },
  { TONIC_PATIENT_STATUS_ANY, "all", N_("A_ll Patients") },
};

static const struct
{
  TonicPatientSort  sort;
  const char       *id;
  const char       *label;
} sorts[] = {
  { TONIC_PATIENT_SORT_NAME, "name", N_("_Name") },
  { TONIC_PATIENT_SORT_MRN, "mrn", N_("_Medical Record Number") },
  { TONIC_PATIENT_SORT_DATE_OF_BIRTH, "date-of-birth", N_("_Date of Birth") },
  { TONIC_PATIENT_SORT_RECENT, "recent", N_("Recently _Changed") },
};

static gboolean
role_allows (TonicPatientsView *self,
             TonicAction        action)
{
  return self->actor != NULL &&
         tonic_permission_allows (tonic_staff_get_role (self->actor), action);
}

static const char *
detail_page (TonicPatientsView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->detail_stack);

  return name != NULL ? name : "";
}

static gboolean
editor_shown (TonicPatientsView *self)
{
  return g_str_equal (detail_page (self), "editor");
}

static TonicPatient *
shown_patient (TonicPatientsView *self)
{
  if (!g_str_equal (detail_page (self), "record"))
    return NULL;

  return tonic_patient_record_get_patient (self->record);
}

static char *
search_text (TonicPatientsView *self)
{
  return tonic_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static gboolean
filters_are_default (TonicPatientsView *self)
{
  return self->status == TONIC_PATIENT_STATUS_ACTIVE && !self->appointment_today &&
         self->indication == TONIC_INDICATION_NONE && self->phases == 0 &&
         !self->overdue_scale && !self->safety_alert;
}

/* Header and actions follow what the detail pane shows */

static void
update_actions (TonicPatientsView *self)
{
  TonicPatient *patient = shown_patient (self);
  gboolean archived = patient != NULL && tonic_patient_get_archived (patient);
  gboolean editing = editor_shown (self);
  gboolean busy = tonic_patient_editor_get_busy (self->editor);
  gboolean can_edit = role_allows (self, TONIC_ACTION_PATIENT_EDIT);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "patients.new", can_edit);
  gtk_widget_action_set_enabled (widget, "patients.save", editing && !busy);
  gtk_widget_action_set_enabled (widget, "patients.cancel", editing && !busy);
  gtk_widget_action_set_enabled (widget, "patients.back", adw_leaflet_get_folded (self->leaflet));
  gtk_widget_action_set_enabled (widget, "patient.edit", patient != NULL && can_edit);
  gtk_widget_action_set_enabled (widget, "patient.archive",
                                 patient != NULL && can_edit && !archived);
  gtk_widget_action_set_enabled (widget, "patient.restore",
                                 patient != NULL && can_edit && archived);
  gtk_widget_action_set_enabled (widget, "patient.book-appointment",
                                 patient != NULL && !archived &&
                                 role_allows (self, TONIC_ACTION_APPOINTMENT_EDIT));
}

static void
update_header (TonicPatientsView *self)
{
  const char *page = detail_page (self);
  gboolean editing = g_str_equal (page, "editor");
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  TonicPatient *patient = shown_patient (self);

  gtk_widget_set_visible (self->back_button, folded && !editing);
  gtk_widget_set_visible (self->cancel_button, editing);
  gtk_widget_set_visible (self->save_button, editing);
  gtk_widget_set_visible (self->edit_button,
                          patient != NULL && role_allows (self, TONIC_ACTION_PATIENT_EDIT));
  gtk_widget_set_visible (self->menu_button, patient != NULL);

  if (editing)
    {
      TonicPatient *edited = tonic_patient_editor_get_patient (self->editor);

      adw_window_title_set_title (self->detail_title,
                                  edited != NULL ? _("Edit Patient") : _("New Patient"));
      adw_window_title_set_subtitle (self->detail_title,
                                     edited != NULL ? tonic_patient_get_mrn (edited) : "");
    }
  else if (patient != NULL)
    {
      adw_window_title_set_title (self->detail_title, _("Patient Record"));
      adw_window_title_set_subtitle (self->detail_title, tonic_patient_get_mrn (patient));
    }
  else
    {
      adw_window_title_set_title (self->detail_title, "");
      adw_window_title_set_subtitle (self->detail_title, "");
    }

  update_actions (self);
}

static void
show_detail (TonicPatientsView *self,
             const char        *page)
{
  gtk_stack_set_visible_child_name (self->detail_stack, page);
  update_header (self);
}

/* The list */

static void
update_list_state (TonicPatientsView *self);

static void
set_selected (TonicPatientsView *self,
              guint              position)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static gint64
item_patient_id (TonicPatientsView *self,
                 guint              position)
{
  g_autoptr(TonicPatientItem) item = NULL;
  TonicPatient *patient;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return 0;

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  patient = item != NULL ? tonic_patient_item_get_patient (item) : NULL;

  return patient != NULL ? tonic_patient_get_id (patient) : 0;
}

static gint64
selected_id_of (TonicPatientsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  return selected != GTK_INVALID_LIST_POSITION ? item_patient_id (self, selected) : 0;
}

static gboolean
select_pending (gpointer user_data)
{
  TonicPatientsView *self = user_data;

  self->select_source = 0;
  if (self->select_id != 0 && item_patient_id (self, self->select_position) == self->select_id)
    {
      set_selected (self, self->select_position);
      self->select_id = 0;
    }

  return G_SOURCE_REMOVE;
}

/* Selects the row of the patient to select if it is one of the rows made
 * (the list itself is never searched: that would read every page). */
static void
select_now (TonicPatientsView *self)
{
  if (self->select_id == 0 || self->rows == NULL)
    return;

  if (selected_id_of (self) == self->select_id)
    {
      self->select_id = 0;
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      TonicPatientRow *row = g_ptr_array_index (self->rows, i);
      TonicPatient *patient = tonic_patient_row_get_patient (row);
      GtkListItem *list_item = g_object_get_data (G_OBJECT (row), LIST_ITEM_KEY);

      if (patient != NULL && list_item != NULL && tonic_patient_get_id (patient) == self->select_id)
        {
          self->select_position = gtk_list_item_get_position (list_item);
          if (self->select_source == 0)
            self->select_source = g_idle_add (select_pending, self);
          return;
        }
    }
}

/* A row got its patient: the one to select is selected once it is seen. */
static void
on_row_patient_changed (TonicPatientRow   *row,
                        GParamSpec        *pspec,
                        TonicPatientsView *self)
{
  TonicPatient *patient = tonic_patient_row_get_patient (row);
  GtkListItem *list_item = g_object_get_data (G_OBJECT (row), LIST_ITEM_KEY);

  if (patient == NULL || list_item == NULL || self->select_id == 0 ||
      tonic_patient_get_id (patient) != self->select_id)
    return;

  /* Not while the list view binds its rows. */
  self->select_position = gtk_list_item_get_position (list_item);
  if (self->select_source == 0)
    self->select_source = g_idle_add (select_pending, self);
}

static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  /* One click opens the patient, as Enter does (the list item selects it
   * as well); arrow keys only move. */
  if (n_press == 1)
    gtk_widget_activate_action (row, "list.activate-item", "u",
                                gtk_list_item_get_position (list_item));
}

/* A row the list view let go of. */
static void
on_row_finalized (gpointer  data,
                  GObject  *row)
{
  TonicPatientsView *self = data;

  g_ptr_array_remove_fast (self->rows, row);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TonicPatientsView        *self)
{
  GtkWidget *row = tonic_patient_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_row_released), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  g_object_set_data (G_OBJECT (row), LIST_ITEM_KEY, list_item);
  tonic_patient_row_set_clinical (TONIC_PATIENT_ROW (row),
                                  role_allows (self, TONIC_ACTION_CLINICAL_VIEW));
  g_signal_connect (row, "notify::patient", G_CALLBACK (on_row_patient_changed), self);
  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->rows, row);
  g_object_weak_ref (G_OBJECT (row), on_row_finalized, self);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TonicPatientsView        *self)
{
  GObject *item = gtk_list_item_get_item (list_item);
  GBinding *binding;

  /* The patient arrives with its page; the row shows a placeholder until
   * then. */
  binding = g_object_bind_property (item, "patient", gtk_list_item_get_child (list_item),
                                    "patient", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (list_item), BINDING_KEY, g_object_ref (binding),
                          g_object_unref);
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   TonicPatientsView        *self)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), BINDING_KEY);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), BINDING_KEY, NULL);

  if (row != NULL)
    tonic_patient_row_set_patient (TONIC_PATIENT_ROW (row), NULL);
}

static void
on_count_all (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TonicPatientsView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint count;

  count = tonic_store_count_patients_finish (TONIC_STORE (object), result, &error);
  if (error != NULL || self->list == NULL)
    return;

  /* Still nothing to show with the usual filters? */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) != 0 ||
      tonic_patient_list_get_loading (self->list) || !filters_are_default (self))
    return;

  {
    g_autofree char *text = search_text (self);

    if (*text != '\0')
      return;
  }

  if (count == 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }

  adw_status_page_set_title (self->no_matches_status, _("No Active Patients"));
  adw_status_page_set_description (self->no_matches_status,
                                   _("Every patient is archived. Choose Archived Patients in "
                                     "the filter menu to see them."));
  gtk_stack_set_visible_child_name (self->list_stack, "no-matches");
}

static void
update_list_state (TonicPatientsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean loading = tonic_patient_list_get_loading (self->list);
  const GError *error = tonic_patient_list_get_error (self->list);
  g_autofree char *text = search_text (self);
  g_autofree char *count = NULL;

  if (!loading || n_items > 0)
    /* Translators: how many patients the list shows, such as "1,234 patients" */
    count = g_strdup_printf (ngettext ("%'u patient", "%'u patients", n_items), n_items);
  gtk_label_set_label (self->count_label, count != NULL ? count : "");

  if (n_items > 0 || loading)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->list_error_status, escaped);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }

  if (*text != '\0')
    {
      g_autofree char *title = NULL;

      /* Translators: %s is what was typed in the search entry */
      title = g_strdup_printf (_("No patients match “%s”"), text);
      adw_status_page_set_title (self->no_matches_status, title);
      adw_status_page_set_description (self->no_matches_status,
                                       filters_are_default (self)
                                         ? _("Search by a name, a medical record number, a date "
                                             "of birth or a phone number.")
                                         : _("The filters may hide some patients."));
      gtk_stack_set_visible_child_name (self->list_stack, "no-matches");
      return;
    }

  if (!filters_are_default (self))
    {
      adw_status_page_set_title (self->no_matches_status, _("No Matching Patients"));
      adw_status_page_set_description (self->no_matches_status,
                                       _("No patient matches the chosen filters."));
      gtk_stack_set_visible_child_name (self->list_stack, "no-matches");
      return;
    }

  /* No active patient: are there any at all? */
  {
    TonicPatientQuery query = { 0 };

    query.status = TONIC_PATIENT_STATUS_ANY;
    tonic_store_count_patients_async (self->store, &query, self->cancellable, on_count_all,
                                      g_object_ref (self));
  }
}

static void
on_list_items_changed (TonicPatientsView *self)
{
  update_list_state (self);
}

static void
on_list_loading_changed (TonicPatientsView *self)
{
  update_list_state (self);
}

static void
on_selection_changed (TonicPatientsView *self)
{
  /* Someone chose a row: nothing is to be selected for them any more. */
  if (!self->selecting)
    self->select_id = 0;
}

/* Runs the query again (a new search, filter or sort, or after a change). */
static void
apply_query (TonicPatientsView *self)
{
  g_autofree char *text = search_text (self);
  TonicPatientQuery query = { 0 };

  query.text = *text != '\0' ? text : NULL;
  query.status = self->status;
  query.indications = self->indication;
  query.appointment_today = self->appointment_today;
  query.phases = self->phases;
  query.overdue_scale = self->overdue_scale;
  query.safety_alert = self->safety_alert;
  query.sort = self->sort;

  /* Nothing selected while the rows change, or the selection would look
   * for its item through every new row (and so read every page); the
   * patient shown is selected again when its row is read. */
  set_selected (self, GTK_INVALID_LIST_POSITION);
  if (self->select_id == 0)
    self->select_id = self->shown_id;

  tonic_patient_list_set_query (self->list, &query);
  update_list_state (self);
}

/* Reads the rows again after a change, keeping their place: the selected
 * patient is selected again when their row is read. */
static void
refresh_list (TonicPatientsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);
  gint64 selected_id = selected != GTK_INVALID_LIST_POSITION ? item_patient_id (self, selected) : 0;

  /* As for a new query: a changed count replaces every item. */
  set_selected (self, GTK_INVALID_LIST_POSITION);
  if (self->select_id == 0)
    self->select_id = selected_id != 0 ? selected_id : self->shown_id;

  tonic_patient_list_refresh (self->list);
  update_list_state (self);
}

/* Opening a patient */

static void
on_patient_opened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicPatientsView) self = user_data;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = tonic_store_open_patient_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  self->opening_id = 0;

  if (patient == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      self->shown_id = 0;
      tonic_patient_record_clear (self->record);
      adw_status_page_set_description (self->detail_error_status, escaped);
      show_detail (self, "error");
      return;
    }

  self->shown_id = tonic_patient_get_id (patient);
  tonic_patient_record_show (self->record, patient);
  show_detail (self, "record");

  /* Its row, when the list has it, shows which patient this is. */
  if (selected_id_of (self) != self->shown_id)
    {
      self->select_id = self->shown_id;
      select_now (self);
    }
}

static void
open_patient (TonicPatientsView *self,
              gint64             patient_id)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");

  if (patient_id == self->opening_id)
    return;

  if (patient_id == self->shown_id && shown_patient (self) != NULL)
    return;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();

  self->opening_id = patient_id;
  show_detail (self, "loading");

  /* Audited by the store ("chart.open"). */
  tonic_store_open_patient_async (self->store, patient_id, self->open_cancellable,
                                  on_patient_opened, g_object_ref (self));
}

/* Leaving the form */

static void
close_editor (TonicPatientsView *self)
{
  tonic_patient_editor_clear (self->editor);

  if (self->shown_id != 0 && tonic_patient_record_get_patient (self->record) != NULL)
    {
      show_detail (self, "record");
      return;
    }

  show_detail (self, "empty");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
show_editor (TonicPatientsView *self,
             TonicPatient      *patient)
{
  if (patient != NULL)
    tonic_patient_editor_start_edit (self->editor, patient);
  else
    tonic_patient_editor_start_new (self->editor);

  show_detail (self, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  tonic_patient_editor_focus (self->editor);
}

static void
do_leave (TonicPatientsView *self,
          LeaveKind          kind,
          gint64             patient_id)
{
  switch (kind)
    {
    case LEAVE_CANCEL:
      close_editor (self);
      break;

    case LEAVE_OPEN:
      if (editor_shown (self))
        close_editor (self);
      open_patient (self, patient_id);
      break;

    case LEAVE_NEW:
      show_editor (self, NULL);
      break;

    case LEAVE_BACK:
      if (editor_shown (self))
        close_editor (self);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_discard_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     TonicPatientsView *self)
{
  self->discard_dialog = NULL;

  if (g_str_equal (response, "discard"))
    do_leave (self, self->leave_kind, self->leave_id);
  else
    tonic_patient_editor_focus (self->editor);
}

/* Does @kind, first asking whether to discard the form's changes. */
static void
leave_editor_then (TonicPatientsView *self,
                   LeaveKind          kind,
                   gint64             patient_id)
{
  GtkWidget *dialog;

  if (!editor_shown (self) || !tonic_patient_editor_get_changed (self->editor))
    {
      do_leave (self, kind, patient_id);
      return;
    }

  /* A save under way finishes first; a question already asked stays. */
  if (tonic_patient_editor_get_busy (self->editor) || self->discard_dialog != NULL)
    return;

  self->leave_kind = kind;
  self->leave_id = patient_id;

  dialog = adw_message_dialog_new (_tonic_patients_get_parent_window (GTK_WIDGET (self)),
                                   _("Discard Changes?"),
                                   _("What was typed in the patient form has not been saved "
                                     "and will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  self->discard_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Activating a row */

static void
forget_pending_item (TonicPatientsView *self)
{
  if (self->pending_item != NULL)
    g_clear_signal_handler (&self->pending_handler, self->pending_item);
  g_clear_object (&self->pending_item);
}

static void
on_pending_item_loaded (TonicPatientsView *self)
{
  TonicPatient *patient = tonic_patient_item_get_patient (self->pending_item);

  if (patient == NULL)
    return;

  forget_pending_item (self);
  leave_editor_then (self, LEAVE_OPEN, tonic_patient_get_id (patient));
}

static void
activate_position (TonicPatientsView *self,
                   guint              position)
{
  g_autoptr(TonicPatientItem) item = NULL;
  TonicPatient *patient;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  forget_pending_item (self);
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  patient = tonic_patient_item_get_patient (item);

  if (patient == NULL)
    {
      /* Its page is on its way: open it when it arrives. */
      self->pending_item = g_object_ref (item);
      self->pending_handler = g_signal_connect_swapped (item, "notify::patient",
                                                        G_CALLBACK (on_pending_item_loaded),
                                                        self);
      return;
    }

  leave_editor_then (self, LEAVE_OPEN, tonic_patient_get_id (patient));
}

/* Archiving */

typedef struct
{
  TonicPatientsView *self;
  gint64             patient_id;
  gboolean           archived;
  gboolean           undo;
} ArchiveCall;

static void
archive_call_free (ArchiveCall *call)
{
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArchiveCall, archive_call_free)

static void set_archived (TonicPatientsView *self,
                          gint64             patient_id,
                          gboolean           archived,
                          gboolean           undo);

static void
on_undo_archive (TonicPatientsView *self,
                 AdwToast          *toast)
{
  gint64 *id = g_object_get_data (G_OBJECT (toast), PATIENT_ID_KEY);

  if (id != NULL)
    set_archived (self, *id, FALSE, TRUE);
}

static void
on_archived_set (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ArchiveCall) call = user_data;
  TonicPatientsView *self = call->self;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  patient = tonic_store_set_patient_archived_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (patient == NULL)
    {
      _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->shown_id == tonic_patient_get_id (patient) && shown_patient (self) != NULL)
    {
      tonic_patient_record_show (self->record, patient);
      update_header (self);
    }
  refresh_list (self);

  if (call->archived)
    {
      /* Undoable rather than confirmed; no name in the toast, which the
       * window keeps after a lock. */
      toast = adw_toast_new (_("Patient archived"));
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), PATIENT_ID_KEY,
                              g_memdup2 (&call->patient_id, sizeof call->patient_id), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_archive), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      toast = adw_toast_new (_("Patient restored"));
    }

  _tonic_toast_show (GTK_WIDGET (self), toast);
}

static void
set_archived (TonicPatientsView *self,
              gint64             patient_id,
              gboolean           archived,
              gboolean           undo)
{
  ArchiveCall *call;

  if (self->store == NULL)
    return;

  call = g_new0 (ArchiveCall, 1);
  call->self = g_object_ref (self);
  call->patient_id = patient_id;
  call->archived = archived;
  call->undo = undo;
  tonic_store_set_patient_archived_async (self->store, patient_id, archived, self->cancellable,
                                          on_archived_set, call);
}

/* Filters */

static void
on_filter_change_state (GSimpleAction     *action,
                        GVariant          *value,
                        TonicPatientsView *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  g_simple_action_set_state (action, value);

  if (g_str_equal (name, "status"))
    {
      const char *id = g_variant_get_string (value, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
        if (g_str_equal (id, status_filters[i].id))
          self->status = status_filters[i].status;
    }
  else if (g_str_equal (name, "appointment-today"))
    {
      self->appointment_today = g_variant_get_boolean (value);
    }
  else if (g_str_equal (name, "indication"))
    {
      const char *id = g_variant_get_string (value, NULL);
      TonicIndication indication = TONIC_INDICATION_NONE;

      if (*id == '\0' || !tonic_indication_from_string (id, &indication))
        indication = TONIC_INDICATION_NONE;
      self->indication = indication;
    }
  else if (g_str_equal (name, "phase"))
    {
      const char *id = g_variant_get_string (value, NULL);
      TonicCoursePhase phase;

      self->phases = 0;
      if (*id != '\0' && tonic_course_phase_from_string (id, &phase))
        self->phases = 1u << phase;
    }
  else if (g_str_equal (name, "overdue-scale"))
    {
      self->overdue_scale = g_variant_get_boolean (value);
    }
  else if (g_str_equal (name, "safety-alert"))
    {
      self->safety_alert = g_variant_get_boolean (value);
    }
  else if (g_str_equal (name, "sort"))
    {
      const char *id = g_variant_get_string (value, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
        if (g_str_equal (id, sorts[i].id))
          self->sort = sorts[i].sort;
    }

  apply_query (self);
}

static void
add_filter_action (TonicPatientsView *self,
                   const char        *name,
                   GVariant          *state)
{
  g_autoptr(GSimpleAction) action = NULL;

  if (g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN))
    action = g_simple_action_new_stateful (name, NULL, state);
  else
    action = g_simple_action_new_stateful (name, g_variant_get_type (state), state);

  g_signal_connect (action, "change-state", G_CALLBACK (on_filter_change_state), self);
  g_action_map_add_action (G_ACTION_MAP (self->filters), G_ACTION (action));
}

static void
append_radio (GMenu      *menu,
              const char *label,
              const char *action,
              const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  g_menu_append_item (menu, item);
}

/* The course filters: the phase, an overdue rating scale, a safety alert. */
static void
build_course_filters (TonicPatientsView *self,
                      GMenu             *section)
{
  static const TonicCoursePhase phases[] = {
    TONIC_COURSE_PHASE_INDUCTION,
    TONIC_COURSE_PHASE_MAINTENANCE,
  };
  g_autoptr(GMenu) menu = g_menu_new ();

  add_filter_action (self, "phase", g_variant_new_string (""));
  add_filter_action (self, "overdue-scale", g_variant_new_boolean (FALSE));
  add_filter_action (self, "safety-alert", g_variant_new_boolean (FALSE));

  append_radio (menu, _("Any Phase"), "filter.phase", "");
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    append_radio (menu, tonic_course_phase_get_label (phases[i]), "filter.phase",
                  tonic_course_phase_to_string (phases[i]));
  g_menu_append_submenu (section, _("P_hase"), G_MENU_MODEL (menu));
  g_menu_append (section, _("O_verdue Rating Scale"), "filter.overdue-scale");
  g_menu_append (section, _("Sa_fety Alert"), "filter.safety-alert");
}

/* The filter menu: status, today's appointments, the indication and the
 * course filters (only for roles that may read clinical content: the
 * store refuses the rest) and the order. */
static void
build_filters (TonicPatientsView *self)
{
  gboolean clinical = role_allows (self, TONIC_ACTION_CLINICAL_VIEW);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) today = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();

  self->filters = g_simple_action_group_new ();
  add_filter_action (self, "status", g_variant_new_string ("active"));
  add_filter_action (self, "appointment-today", g_variant_new_boolean (FALSE));
  add_filter_action (self, "sort", g_variant_new_string ("name"));

  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    append_radio (status, _(status_filters[i].label), "filter.status", status_filters[i].id);
  g_menu_append_section (menu, _("Show"), G_MENU_MODEL (status));

  g_menu_append (today, _("Has an A_ppointment Today"), "filter.appointment-today");
  if (clinical)
    {
      g_autoptr(GMenu) indications = g_menu_new ();

      add_filter_action (self, "indication", g_variant_new_string (""));
      append_radio (indications, _("Any Indication"), "filter.indication", "");
      for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
        {
          TonicIndication indication = tonic_indication_nth (i);

          append_radio (indications, tonic_indication_get_label (indication),
                        "filter.indication", tonic_indication_to_string (indication));
        }
      g_menu_append_submenu (today, _("_Indication"), G_MENU_MODEL (indications));
      build_course_filters (self, today);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (today));

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    append_radio (order, _(sorts[i].label), "filter.sort", sorts[i].id);
  g_menu_append_section (menu, _("Sort By"), G_MENU_MODEL (order));

  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (self->filters));
  self->filter_menu = G_MENU_MODEL (g_steal_pointer (&menu));
  gtk_menu_button_set_menu_model (self->filter_button, self->filter_menu);
}

/* Focus */

static gboolean
focus_list (TonicPatientsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (n_items == 0 || !g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "list"))
    return FALSE;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= n_items)
    selected = 0;

  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", selected);
  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TonicPatientsView     *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0)
    return focus_list (self);

  return GDK_EVENT_PROPAGATE;
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tonic_patients_view_new_patient (TONIC_PATIENTS_VIEW (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tonic_patients_view_focus_search (TONIC_PATIENTS_VIEW (widget));
}

static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  focus_list (TONIC_PATIENTS_VIEW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (widget);

  if (editor_shown (self))
    tonic_patient_editor_save (self->editor);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (widget);

  if (editor_shown (self))
    leave_editor_then (self, LEAVE_CANCEL, 0);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  leave_editor_then (TONIC_PATIENTS_VIEW (widget), LEAVE_BACK, 0);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  apply_query (TONIC_PATIENTS_VIEW (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (widget);
  TonicPatient *patient = shown_patient (self);

  if (patient != NULL)
    show_editor (self, patient);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (widget);
  TonicPatient *patient = shown_patient (self);

  if (patient != NULL)
    set_archived (self, tonic_patient_get_id (patient),
                  g_str_equal (action_name, "patient.archive"), FALSE);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (widget);
  TonicPatient *patient = shown_patient (self);

  if (patient != NULL && !tonic_patient_get_archived (patient))
    g_signal_emit (self, signals[BOOK_APPOINTMENT], 0, tonic_patient_get_id (patient));
}

/* Template callbacks */

static void
on_search_changed (TonicPatientsView *self)
{
  forget_pending_item (self);
  apply_query (self);
}

static void
on_search_activate (TonicPatientsView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  /* Enter opens the selected patient, or the first match. */
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  activate_position (self, selected);
}

static void
on_search_stop (TonicPatientsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_list_activate (TonicPatientsView *self,
                  guint              position)
{
  activate_position (self, position);
}

static void
on_folded_changed (TonicPatientsView *self)
{
  update_header (self);
}

static void
on_detail_page_changed (TonicPatientsView *self)
{
  update_header (self);
}

static void
on_record_book_appointment (TonicPatientsView  *self,
                            gint64              patient_id,
                            TonicPatientRecord *record)
{
  g_signal_emit (self, signals[BOOK_APPOINTMENT], 0, patient_id);
}

/* The record read its patient again (a plan signed, a course ended): the
 * rows show the new phase and flags. */
static void
on_record_patient_changed (TonicPatientsView  *self,
                           TonicPatient       *patient,
                           TonicPatientRecord *record)
{
  refresh_list (self);
}

static void
on_editor_saved (TonicPatientsView  *self,
                 TonicPatient       *patient,
                 gboolean            created,
                 const char         *problem,
                 TonicPatientEditor *editor)
{
  gint64 id = tonic_patient_get_id (patient);

  tonic_patient_editor_clear (self->editor);

  if (problem != NULL)
    _tonic_toast_show_text (GTK_WIDGET (self), problem);
  else
    _tonic_toast_show_text (GTK_WIDGET (self),
                            created ? _("Patient registered") : _("Changes saved"));

  /* The list counts and reads again; the saved patient's row is selected
   * once it is read. */
  self->select_id = id;
  refresh_list (self);

  if (created)
    {
      /* Opened like any other (and audited so). */
      self->shown_id = 0;
      tonic_patient_record_clear (self->record);
      open_patient (self, id);
    }
  else
    {
      self->shown_id = id;
      tonic_patient_record_show (self->record, patient);
      show_detail (self, "record");
    }
}

static void
on_editor_open_existing (TonicPatientsView  *self,
                         gint64              patient_id,
                         TonicPatientEditor *editor)
{
  /* The person chose to: no question about the form. */
  close_editor (self);
  self->select_id = patient_id;
  open_patient (self, patient_id);
}

static void
on_editor_busy_changed (TonicPatientsView *self)
{
  update_actions (self);
}

/* GObject */

static void
tonic_patients_view_dispose (GObject *object)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_handle_id (&self->select_source, g_source_remove);
  forget_pending_item (self);

  if (self->discard_dialog != NULL)
    {
      AdwMessageDialog *dialog = g_steal_pointer (&self->discard_dialog);

      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  /* The bin's child is a bound template child, which disposing the
   * template unparents: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PATIENTS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->filters);
  g_clear_object (&self->filter_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->actor);

  G_OBJECT_CLASS (tonic_patients_view_parent_class)->dispose (object);
}

static void
tonic_patients_view_finalize (GObject *object)
{
  TonicPatientsView *self = TONIC_PATIENTS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->open_cancellable);
  /* Rows that outlive the view (none should) stop telling it. */
  for (guint i = 0; i < self->rows->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->rows, i), on_row_finalized, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tonic_patients_view_parent_class)->finalize (object);
}

static void
tonic_patients_view_class_init (TonicPatientsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_patients_view_dispose;
  object_class->finalize = tonic_patients_view_finalize;

  /**
   * TonicPatientsView::book-appointment:
   * @patient_id: the patient to book for
   *
   * Book Appointment was chosen for the patient shown; the workspace opens
   * the booking form.
   */
  signals[BOOK_APPOINTMENT] =
    g_signal_new ("book-appointment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (TONIC_TYPE_PATIENT_RECORD);
  g_type_ensure (TONIC_TYPE_PATIENT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/patients/tonic-patients-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicPatientsView, name)
  BIND (leaflet);
  BIND (search_entry);
  BIND (new_button);
  BIND (filter_button);
  BIND (count_label);
  BIND (list_stack);
  BIND (list_view);
  BIND (empty_status);
  BIND (empty_new_button);
  BIND (no_matches_status);
  BIND (list_error_status);
  BIND (back_button);
  BIND (cancel_button);
  BIND (detail_title);
  BIND (save_button);
  BIND (menu_button);
  BIND (edit_button);
  BIND (detail_stack);
  BIND (detail_error_status);
  BIND (record);
  BIND (editor);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_record_book_appointment);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_open_existing);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_busy_changed);

  gtk_widget_class_install_action (widget_class, "patients.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "patients.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_install_action (widget_class, "patients.focus-list", NULL, focus_list_action);
  gtk_widget_class_install_action (widget_class, "patients.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "patients.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "patients.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "patients.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "patient.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "patient.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "patient.restore", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "patient.book-appointment", NULL, book_action);

  /* While the focus is in the view; the window may bind them more widely
   * through the public functions. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "patients.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "patients.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "patients.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "patients.cancel", NULL);
}

static void
tonic_patients_view_init (TonicPatientsView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  _tonic_patients_ensure_style (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->open_cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->status = TONIC_PATIENT_STATUS_ACTIVE;
  self->sort = TONIC_PATIENT_SORT_NAME;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* Down in the search entry moves into the list. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
tonic_patients_view_new (TonicStore *store,
                         TonicStaff *actor)
{
  TonicPatientsView *self;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);

  self = g_object_new (TONIC_TYPE_PATIENTS_VIEW, NULL);
  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);
  self->settings = _tonic_patients_settings_new ();

  tonic_patient_record_set_session (self->record, store, actor, self->settings);
  g_signal_connect_object (self->record, "patient-changed",
                           G_CALLBACK (on_record_patient_changed), self, G_CONNECT_SWAPPED);
  tonic_patient_editor_set_session (self->editor, store, actor);

  build_filters (self);
  gtk_widget_set_visible (self->empty_new_button, role_allows (self, TONIC_ACTION_PATIENT_EDIT));

  /* Never a sort or filter model over it: those would read every row. */
  self->list = tonic_patient_list_new (store);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->list, "items-changed", G_CALLBACK (on_list_items_changed), self);
  g_signal_connect_swapped (self->list, "notify::loading", G_CALLBACK (on_list_loading_changed),
                            self);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  apply_query (self);
  update_header (self);

  return GTK_WIDGET (self);
}

void
tonic_patients_view_focus_search (TonicPatientsView *self)
{
  g_return_if_fail (TONIC_IS_PATIENTS_VIEW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
tonic_patients_view_new_patient (TonicPatientsView *self)
{
  g_return_if_fail (TONIC_IS_PATIENTS_VIEW (self));

  if (!role_allows (self, TONIC_ACTION_PATIENT_EDIT))
    return;

  leave_editor_then (self, LEAVE_NEW, 0);
}

void
tonic_patients_view_show_patient (TonicPatientsView *self,
                                  gint64             patient_id)
{
  g_return_if_fail (TONIC_IS_PATIENTS_VIEW (self));
  g_return_if_fail (patient_id > 0);

  self->select_id = patient_id;
  leave_editor_then (self, LEAVE_OPEN, patient_id);
}

TonicPatientList *
_tonic_patients_view_get_list (TonicPatientsView *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENTS_VIEW (self), NULL);

  return self->list;
}

GMenuModel *
_tonic_patients_view_get_filter_menu (TonicPatientsView *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENTS_VIEW (self), NULL);

  return self->filter_menu;
}

gint64
_tonic_patients_view_get_shown_id (TonicPatientsView *self)
{
  g_return_val_if_fail (TONIC_IS_PATIENTS_VIEW (self), 0);

  return self->shown_id;
}
