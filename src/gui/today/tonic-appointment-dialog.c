/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-appointment-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tonic-appointment-dialog.h"
#include "tonic-today-private.h"

/* How many patients the chooser lists for what is typed. */
#define SEARCH_LIMIT 8
#define RESULT_INDEX_KEY "tonic-result-index"

struct _TonicAppointmentDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *save_button;
  GtkStack       *button_stack;
  GtkLabel       *save_label;
  GtkWidget      *form_box;
  GtkStack       *patient_stack;
  GtkSearchEntry *patient_search;
  GtkListBox     *results_list;
  GtkLabel       *results_label;
  AdwActionRow   *patient_row;
  GtkButton      *change_patient_button;
  GtkLabel       *patient_error;
  AdwComboRow    *type_row;
  AdwActionRow   *date_row;
  GtkMenuButton  *date_button;
  GtkPopover     *date_popover;
  GtkCalendar    *calendar;
  AdwActionRow   *time_row;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  AdwActionRow   *length_row;
  GtkSpinButton  *length_spin;
  AdwActionRow   *chair_row;
  GtkSpinButton  *chair_spin;
  AdwComboRow    *staff_row;
  GtkLabel       *start_error;
  GtkLabel       *minutes_error;
  GtkLabel       *chair_error;
  GtkWidget      *note_frame;
  GtkTextView    *note_view;
  GtkLabel       *note_error;
  GtkWidget      *conflict_box;
  GtkLabel       *conflict_title;
  GtkLabel       *conflict_label;
  GtkLabel       *conflict_hint;
  GtkLabel       *error_label;

  TonicStore       *store;
  TonicStaff       *actor;
  TonicAppointment *appointment;  /* the one edited; NULL when booking */
  GCancellable     *cancellable;
  GCancellable     *search_cancellable;
  int               n_chairs;

  gint64      patient_id;
  char       *patient_name;
  gint64      preset_id;  /* the patient the form was opened for */
  GPtrArray  *results;    /* TonicPatient, as listed */
  gint64      staff_id;
  GArray     *staff_ids;  /* gint64, one per item of the staff row */
  GDate       date;

  /* What is being checked and saved (the form is read-only meanwhile). */
  TonicAppointmentFields  pending;
  GDateTime              *pending_start;
  char                   *pending_note;

  gboolean busy;
  /* The overlaps were shown: the next press books anyway. */
  gboolean conflicts_shown;
  /* Values are being put in the form, not chosen by a person. */
  gboolean setting_up;
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (TonicAppointmentDialog, tonic_appointment_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_save_label (TonicAppointmentDialog *self)
{
  const char *label;

  if (self->appointment == NULL)
    label = self->conflicts_shown ? _("Book _Anyway") : _("_Book");
  else
    label = self->conflicts_shown ? _("Save _Anyway") : _("_Save");

  gtk_label_set_label (self->save_label, label);
}

/* Something in the form changed: any overlap shown is about what was
 * there before, so the next press asks the store again. */
static void
field_changed (TonicAppointmentDialog *self)
{
  if (self->setting_up || self->busy)
    return;

  _tonic_today_set_field_error (self->error_label, NULL, NULL);
  if (!self->conflicts_shown)
    return;

  self->conflicts_shown = FALSE;
  gtk_widget_set_visible (self->conflict_box, FALSE);
  update_save_label (self);
}

static void
set_busy (TonicAppointmentDialog *self,
          gboolean                busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  /* Read-only rather than insensitive: the focused field keeps its focus
   * while we wait (GTK 4.8 warns when a focused widget turns insensitive). */
  gtk_widget_set_can_target (self->form_box, !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->patient_search), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->hour_spin), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->minute_spin), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->length_spin), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->chair_spin), !busy);
  gtk_text_view_set_editable (self->note_view, !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

/* The start in the form, or NULL when the date and time make none. */
static GDateTime *
dup_start (TonicAppointmentDialog *self)
{
  if (!g_date_valid (&self->date))
    return NULL;

  return g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                                g_date_get_day (&self->date),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

static void
update_end_hint (TonicAppointmentDialog *self)
{
  g_autoptr(GDateTime) start = dup_start (self);
  int minutes = gtk_spin_button_get_value_as_int (self->length_spin);
  g_autofree char *hint = NULL;

  if (start != NULL && minutes > 0)
    {
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, minutes);
      g_autofree char *time = _tonic_today_format_time (end);

      /* Translators: under the length of an appointment; %s is a time of day */
      hint = g_strdup_printf (_("Ends at %s"), time);
    }

  adw_action_row_set_subtitle (self->length_row, hint != NULL ? hint : "");
}

static void
set_date (TonicAppointmentDialog *self,
          const GDate            *date)
{
  g_autofree char *label = _tonic_today_format_day (date);
  g_autoptr(GDateTime) noon = NULL;

  self->date = *date;
  gtk_menu_button_set_label (self->date_button, label);

  noon = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, noon);
  update_end_hint (self);
}

/* The patient */

static void
show_patient (TonicAppointmentDialog *self,
              gint64                  id,
              const char             *name,
              const char             *details)
{
  self->patient_id = id;
  g_free (self->patient_name);
  self->patient_name = g_strdup (name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->patient_row), name);
  adw_action_row_set_subtitle (self->patient_row, details != NULL ? details : "");
  gtk_stack_set_visible_child_name (self->patient_stack, "chosen");
  _tonic_today_set_field_error (self->patient_error, NULL, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->patient_search), "error");
  field_changed (self);
}

/* "MRN 000123 · born 12 Mar 1985", to tell people of one name apart. */
static char *
format_patient_details (TonicPatient *patient)
{
  GDate birth;

  if (tonic_patient_get_birth_date (patient, &birth))
    {
      g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (&birth),
                                                         g_date_get_month (&birth),
                                                         g_date_get_day (&birth), 12, 0, 0);
      /* Translators: a date of birth, in strftime() format, such as "12 Mar 1985" */
      g_autofree char *date = g_date_time_format (time, _("%-d %b %Y"));

      /* Translators: under a patient's name when choosing one: their
       * medical record number and date of birth */
      return g_strdup_printf (_("MRN %s · born %s"), tonic_patient_get_mrn (patient), date);
    }

  /* Translators: under a patient's name when choosing one: their medical
   * record number */
  return g_strdup_printf (_("MRN %s"), tonic_patient_get_mrn (patient));
}

static void
choose_patient (TonicAppointmentDialog *self,
                TonicPatient           *patient)
{
  g_autofree char *name = tonic_patient_dup_display_name (patient);
  g_autofree char *details = format_patient_details (patient);

  if (self->busy)
    return;

  show_patient (self, tonic_patient_get_id (patient), name, details);
  gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
}

static void
clear_results (TonicAppointmentDialog *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
  g_ptr_array_set_size (self->results, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
}

static void
show_results_message (TonicAppointmentDialog *self,
                      const char             *message)
{
  gtk_label_set_label (self->results_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), message != NULL);
}

static void
on_patients_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicAppointmentDialog) self = user_data;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  patients = tonic_store_list_patients_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_results (self);

  if (patients == NULL)
    {
      show_results_message (self, error->message);
      return;
    }

  for (guint i = 0; i < patients->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (patients, i);
      g_autofree char *name = tonic_patient_dup_display_name (patient);
      g_autofree char *details = format_patient_details (patient);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), RESULT_INDEX_KEY, GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->results_list, row);
      g_ptr_array_add (self->results, g_object_ref (patient));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->results_list), patients->len > 0);

  if (patients->len == 0)
    show_results_message (self, _("No patient matches. Check the spelling, or search by MRN, "
                                  "date of birth or phone number."));
  else if (patients->len >= SEARCH_LIMIT)
    show_results_message (self, _("Only the first matches are shown: type more to narrow "
                                  "them down."));
  else
    show_results_message (self, NULL);
}

static void
search (TonicAppointmentDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                                         self->patient_search))));
  TonicPatientQuery query = { 0 };

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (*text == '\0')
    {
      clear_results (self);
      show_results_message (self, _("Type a name, MRN, date of birth or phone number."));
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  query.text = text;
  query.status = TONIC_PATIENT_STATUS_ACTIVE;
  query.sort = TONIC_PATIENT_SORT_NAME;
  tonic_store_list_patients_async (self->store, &query, 0, SEARCH_LIMIT, self->search_cancellable,
                                   on_patients_found, g_object_ref (self));
}

static void
on_preset_patient_opened (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(TonicAppointmentDialog) self = user_data;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = tonic_store_open_patient_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Chosen meanwhile by hand: that choice stands. */
  if (self->patient_id != self->preset_id)
    return;

  if (patient == NULL)
    {
      self->patient_id = 0;
      gtk_stack_set_visible_child_name (self->patient_stack, "search");
      _tonic_today_set_field_error (self->patient_error, NULL, error->message);
      return;
    }

  {
    g_autofree char *name = tonic_patient_dup_display_name (patient);
    g_autofree char *details = format_patient_details (patient);

    show_patient (self, tonic_patient_get_id (patient), name, details);
  }
}

/* Staff */

static void
select_staff (TonicAppointmentDialog *self)
{
  for (guint i = 0; i < self->staff_ids->len; i++)
    {
      if (g_array_index (self->staff_ids, gint64, i) == self->staff_id)
        {
          adw_combo_row_set_selected (self->staff_row, i);
          return;
        }
    }
}

static void
on_staff_listed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicAppointmentDialog) self = user_data;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  gint64 none = 0;
  gboolean found = self->staff_id == 0;

  staff = tonic_store_list_staff_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || staff == NULL)
    {
      /* Without the list there is nothing to choose: the appointment
       * keeps whom it has. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not list the staff for the booking form: %s", error->message);
      return;
    }

  names = gtk_string_list_new (NULL);
  g_array_set_size (self->staff_ids, 0);
  gtk_string_list_append (names, _("No one"));
  g_array_append_val (self->staff_ids, none);

  for (guint i = 0; i < staff->len; i++)
    {
      TonicStaff *member = g_ptr_array_index (staff, i);
      gint64 id = tonic_staff_get_id (member);

      gtk_string_list_append (names, tonic_staff_get_display_name (member));
      g_array_append_val (self->staff_ids, id);
      found = found || id == self->staff_id;
    }

  /* Someone deactivated since keeps the appointment until it is changed. */
  if (!found)
    {
      gtk_string_list_append (names, _("A former staff member"));
      g_array_append_val (self->staff_ids, self->staff_id);
    }

  self->setting_up = TRUE;
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (names));
  select_staff (self);
  self->setting_up = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->staff_row), TRUE);
}

/* Checking */

static void
clear_errors (TonicAppointmentDialog *self)
{
  _tonic_today_set_field_error (self->patient_error, GTK_WIDGET (self->patient_search), NULL);
  _tonic_today_set_field_error (NULL, GTK_WIDGET (self->type_row), NULL);
  _tonic_today_set_field_error (self->start_error, GTK_WIDGET (self->time_row), NULL);
  _tonic_today_set_field_error (self->minutes_error, GTK_WIDGET (self->length_row), NULL);
  _tonic_today_set_field_error (self->chair_error, GTK_WIDGET (self->chair_row), NULL);
  _tonic_today_set_field_error (self->note_error, self->note_frame, NULL);
  _tonic_today_set_field_error (self->error_label, NULL, NULL);
}

/* Where the message about @field goes, and the row it marks. */
static void
field_widgets (TonicAppointmentDialog *self,
               TonicAppointmentField   field,
               GtkLabel              **label,
               GtkWidget             **row)
{
  switch (field)
    {
    case TONIC_APPOINTMENT_FIELD_PATIENT:
      *label = self->patient_error;
      *row = GTK_WIDGET (self->patient_search);
      break;
    case TONIC_APPOINTMENT_FIELD_TYPE:
      *label = self->error_label;
      *row = GTK_WIDGET (self->type_row);
      break;
    case TONIC_APPOINTMENT_FIELD_START:
      *label = self->start_error;
      *row = GTK_WIDGET (self->time_row);
      break;
    case TONIC_APPOINTMENT_FIELD_MINUTES:
      *label = self->minutes_error;
      *row = GTK_WIDGET (self->length_row);
      break;
    case TONIC_APPOINTMENT_FIELD_CHAIR:
      *label = self->chair_error;
      *row = GTK_WIDGET (self->chair_row);
      break;
    case TONIC_APPOINTMENT_FIELD_NOTE:
      *label = self->note_error;
      *row = self->note_frame;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Every field, each message next to its field, the focus on the first.
 * Returns whether all are acceptable. */
static gboolean
check_fields (TonicAppointmentDialog       *self,
              const TonicAppointmentFields *fields)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < TONIC_N_APPOINTMENT_FIELDS; i++)
    {
      g_autofree char *message = tonic_appointment_check_field (fields, (TonicAppointmentField) i,
                                                                self->n_chairs);
      GtkLabel *label;
      GtkWidget *row;

      field_widgets (self, (TonicAppointmentField) i, &label, &row);
      _tonic_today_set_field_error (label, row, message);

      if (message != NULL && first == NULL)
        first = row;
    }

  if (first == GTK_WIDGET (self->patient_search))
    {
      gtk_stack_set_visible_child_name (self->patient_stack, "search");
      gtk_widget_grab_focus (first);
    }
  else if (first == GTK_WIDGET (self->length_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->length_spin));
  else if (first == GTK_WIDGET (self->time_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->hour_spin));
  else if (first == GTK_WIDGET (self->chair_row))
    gtk_widget_grab_focus (GTK_WIDGET (self->chair_spin));
  else if (first == self->note_frame)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  else if (first != NULL)
    gtk_widget_grab_focus (first);

  return first == NULL;
}

/* Fills self->pending from the form (owning what it points to). */
static void
collect_pending (TonicAppointmentDialog *self)
{
  TonicAppointmentFields *f = &self->pending;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  guint type = adw_combo_row_get_selected (self->type_row);

  gtk_spin_button_update (self->hour_spin);
  gtk_spin_button_update (self->minute_spin);
  gtk_spin_button_update (self->length_spin);
  gtk_spin_button_update (self->chair_spin);

  g_clear_pointer (&self->pending_start, g_date_time_unref);
  g_clear_pointer (&self->pending_note, g_free);
  self->pending_start = dup_start (self);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  self->pending_note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strchomp (self->pending_note);

  /* An edit keeps what the form does not show (state, its times, the
   * check-in). */
  memset (f, 0, sizeof *f);
  if (self->appointment != NULL)
    tonic_appointment_get_fields (self->appointment, f);
  else
    f->state = TONIC_APPOINTMENT_STATE_SCHEDULED;

  f->patient_id = self->patient_id;
  f->patient_name = self->patient_name;
  f->type = type < TONIC_N_APPOINTMENT_TYPES ? (TonicAppointmentType) type : (TonicAppointmentType) -1;
  f->start = self->pending_start;
  f->minutes = gtk_spin_button_get_value_as_int (self->length_spin);
  f->chair = gtk_spin_button_get_value_as_int (self->chair_spin);
  f->staff_id = self->staff_id;
  f->note = *self->pending_note != '\0' ? self->pending_note : NULL;
}

/* Saving */

static void
show_store_error (TonicAppointmentDialog *self,
                  const GError           *error)
{
  /* The store checks what the form checks: a field that fails here now
   * is the one refused. What is left (an archived patient) goes below. */
  if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID) &&
      !check_fields (self, &self->pending))
    return;

  _tonic_today_set_field_error (self->error_label, NULL, error->message);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TonicAppointmentDialog) self = user_data;
  g_autoptr(TonicAppointment) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = tonic_store_save_appointment_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  set_busy (self, FALSE);

  if (saved == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_store_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (TonicAppointmentDialog *self)
{
  tonic_store_save_appointment_async (self->store, &self->pending, self->cancellable, on_saved,
                                      g_object_ref (self));
}

static void
show_conflicts (TonicAppointmentDialog *self,
                GPtrArray              *conflicts)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *title = NULL;

  /* Translators: the heading of the warning in the booking form */
  title = g_strdup_printf (ngettext ("This overlaps %u appointment in the same chair",
                                     "This overlaps %u appointments in the same chair",
                                     conflicts->len),
                           conflicts->len);

  for (guint i = 0; i < conflicts->len; i++)
    {
      TonicAppointment *other = g_ptr_array_index (conflicts, i);
      g_autofree char *range = _tonic_today_format_range (tonic_appointment_get_start (other),
                                                          tonic_appointment_get_end (other));

      if (i > 0)
        g_string_append_c (lines, '\n');
      /* Translators: one overlap in the booking form, such as "Chair 2 is
       * booked 10:00–11:40 for Ana Núñez"; %d is the chair, the first %s
       * the times, the second %s the patient's name */
      g_string_append_printf (lines, _("Chair %d is booked %s for %s"),
                              tonic_appointment_get_chair (other), range,
                              tonic_appointment_get_patient_name (other));
    }

  gtk_label_set_label (self->conflict_title, title);
  gtk_label_set_label (self->conflict_label, lines->str);
  gtk_label_set_label (self->conflict_hint,
                       self->appointment == NULL
                       ? _("Choose another time or chair, or press Book Anyway.")
                       : _("Choose another time or chair, or press Save Anyway."));
  gtk_widget_set_visible (self->conflict_box, TRUE);

  self->conflicts_shown = TRUE;
  update_save_label (self);
}

static void
on_conflicts_found (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicAppointmentDialog) self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  conflicts = tonic_store_find_conflicts_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  if (conflicts == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_store_error (self, error);
      return;
    }

  if (conflicts->len > 0)
    {
      set_busy (self, FALSE);
      show_conflicts (self, conflicts);
      return;
    }

  save (self);
}

static void
submit (TonicAppointmentDialog *self)
{
  if (self->busy)
    return;

  clear_errors (self);
  collect_pending (self);
  if (!check_fields (self, &self->pending))
    return;

  set_busy (self, TRUE);

  /* The second press, after the overlaps were shown, books anyway. */
  if (self->conflicts_shown)
    save (self);
  else
    tonic_store_find_conflicts_async (self->store, &self->pending, self->cancellable,
                                      on_conflicts_found, g_object_ref (self));
}

/* Template callbacks */

static void
on_save_clicked (TonicAppointmentDialog *self)
{
  submit (self);
}

static void
on_cancel_clicked (TonicAppointmentDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (TonicAppointmentDialog *self)
{
  /* A save under way finishes first. */
  return self->busy;
}

static void
on_search_changed (TonicAppointmentDialog *self)
{
  search (self);
}

static void
on_search_activate (TonicAppointmentDialog *self)
{
  if (self->results->len > 0)
    choose_patient (self, g_ptr_array_index (self->results, 0));
}

static void
on_stop_search (TonicAppointmentDialog *self)
{
  /* Back to the patient chosen before, if any. */
  if (self->patient_id > 0 && self->patient_name != NULL)
    {
      gtk_stack_set_visible_child_name (self->patient_stack, "chosen");
      gtk_widget_grab_focus (GTK_WIDGET (self->change_patient_button));
    }
}

static void
on_result_activated (TonicAppointmentDialog *self,
                     GtkListBoxRow          *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), RESULT_INDEX_KEY));

  if (index > 0 && index <= self->results->len)
    choose_patient (self, g_ptr_array_index (self->results, index - 1));
}

static void
on_change_patient_clicked (TonicAppointmentDialog *self)
{
  gtk_stack_set_visible_child_name (self->patient_stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->patient_search));
}

static void
on_type_selected (TonicAppointmentDialog *self)
{
  guint type = adw_combo_row_get_selected (self->type_row);

  /* A new type starts from its usual length (infusion + recovery). */
  if (!self->setting_up && type < TONIC_N_APPOINTMENT_TYPES)
    gtk_spin_button_set_value (self->length_spin,
                               tonic_appointment_type_get_default_minutes (
                                 (TonicAppointmentType) type));

  field_changed (self);
}

/* Takes the calendar's day into the form (unless it is being set). */
static void
follow_calendar (TonicAppointmentDialog *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (chosen), g_date_time_get_month (chosen),
                  g_date_time_get_year (chosen));
  if (g_date_valid (&self->date) && g_date_compare (&date, &self->date) == 0)
    return;

  self->setting_up = TRUE;
  set_date (self, &date);
  self->setting_up = FALSE;
  _tonic_today_set_field_error (self->start_error, GTK_WIDGET (self->time_row), NULL);
  field_changed (self);
}

static void
on_day_selected (TonicAppointmentDialog *self)
{
  if (self->setting_up)
    return;

  follow_calendar (self);
  gtk_popover_popdown (self->date_popover);
}

/* GtkCalendar 4.8 moves its selection to the same day of another month
 * with its arrows and tells only by these notifications: the form
 * follows, the popover stays open. */
static void
on_month_changed (TonicAppointmentDialog *self)
{
  if (!self->setting_up)
    follow_calendar (self);
}

static gboolean
on_two_digit_output (GtkSpinButton *spin,
                     gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
on_time_changed (TonicAppointmentDialog *self)
{
  _tonic_today_set_field_error (self->start_error, GTK_WIDGET (self->time_row), NULL);
  update_end_hint (self);
  field_changed (self);
}

static void
on_length_changed (TonicAppointmentDialog *self)
{
  _tonic_today_set_field_error (self->minutes_error, GTK_WIDGET (self->length_row), NULL);
  update_end_hint (self);
  field_changed (self);
}

static void
on_chair_changed (TonicAppointmentDialog *self)
{
  _tonic_today_set_field_error (self->chair_error, GTK_WIDGET (self->chair_row), NULL);
  field_changed (self);
}

static void
on_staff_selected (TonicAppointmentDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->staff_row);

  if (self->setting_up || selected >= self->staff_ids->len)
    return;

  self->staff_id = g_array_index (self->staff_ids, gint64, selected);
  field_changed (self);
}

static void
on_note_changed (TonicAppointmentDialog *self)
{
  _tonic_today_set_field_error (self->note_error, self->note_frame, NULL);
  field_changed (self);
}

/* GObject */

static void
tonic_appointment_dialog_map (GtkWidget *widget)
{
  TonicAppointmentDialog *self = TONIC_APPOINTMENT_DIALOG (widget);

  GTK_WIDGET_CLASS (tonic_appointment_dialog_parent_class)->map (widget);

  if (self->patient_id > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->type_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->patient_search));
}

static void
tonic_appointment_dialog_dispose (GObject *object)
{
  TonicAppointmentDialog *self = TONIC_APPOINTMENT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_APPOINTMENT_DIALOG);

  /* Nothing of the patients outlives the window. */
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->patient_name, g_free);
  g_clear_pointer (&self->pending_note, g_free);
  g_clear_pointer (&self->pending_start, g_date_time_unref);
  memset (&self->pending, 0, sizeof self->pending);
  g_clear_object (&self->appointment);

  G_OBJECT_CLASS (tonic_appointment_dialog_parent_class)->dispose (object);
}

static void
tonic_appointment_dialog_finalize (GObject *object)
{
  TonicAppointmentDialog *self = TONIC_APPOINTMENT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->staff_ids, g_array_unref);

  G_OBJECT_CLASS (tonic_appointment_dialog_parent_class)->finalize (object);
}

static void
tonic_appointment_dialog_class_init (TonicAppointmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_appointment_dialog_dispose;
  object_class->finalize = tonic_appointment_dialog_finalize;
  widget_class->map = tonic_appointment_dialog_map;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_APPOINTMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/today/tonic-appointment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, button_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, patient_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, patient_search);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, results_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, patient_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog,
                                        change_patient_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, patient_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, length_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, length_spin);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, chair_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, chair_spin);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, start_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, minutes_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, chair_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, note_frame);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, note_error);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, conflict_title);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, conflict_hint);
  gtk_widget_class_bind_template_child (widget_class, TonicAppointmentDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_change_patient_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_month_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_two_digit_output);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_length_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_chair_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_selected);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tonic_appointment_dialog_init (TonicAppointmentDialog *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->results = g_ptr_array_new_with_free_func (g_object_unref);
  self->staff_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_date_clear (&self->date, 1);

  for (guint i = 0; i < TONIC_N_APPOINTMENT_TYPES; i++)
    gtk_string_list_append (types, tonic_appointment_type_get_label ((TonicAppointmentType) i));

  self->setting_up = TRUE;
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));
  self->setting_up = FALSE;

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_changed), self);
}

TonicAppointmentDialog *
tonic_appointment_dialog_new (GtkWindow        *parent,
                              TonicStore       *store,
                              TonicStaff       *actor,
                              int               n_chairs,
                              TonicAppointment *appointment)
{
  TonicAppointmentDialog *self;
  GtkAdjustment *chairs;
  int most_chairs = n_chairs;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);
  g_return_val_if_fail (n_chairs >= 1, NULL);
  g_return_val_if_fail (appointment == NULL || TONIC_IS_APPOINTMENT (appointment), NULL);

  self = g_object_new (TONIC_TYPE_APPOINTMENT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);
  self->n_chairs = n_chairs;
  if (appointment != NULL)
    self->appointment = g_object_ref (appointment);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  self->setting_up = TRUE;

  /* One in a chair the practice no longer has can still be shown, and
   * moved to one it has. */
  if (appointment != NULL)
    most_chairs = MAX (most_chairs, tonic_appointment_get_chair (appointment));
  chairs = gtk_spin_button_get_adjustment (self->chair_spin);
  gtk_adjustment_set_upper (chairs, most_chairs);

  if (appointment == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      title = _("New Appointment");
      self->staff_id = tonic_staff_get_id (actor);
      adw_combo_row_set_selected (self->type_row, TONIC_APPOINTMENT_TYPE_IV_INFUSION);
      gtk_spin_button_set_value (self->length_spin,
                                 tonic_appointment_type_get_default_minutes (
                                   TONIC_APPOINTMENT_TYPE_IV_INFUSION));
      gtk_spin_button_set_value (self->chair_spin, 1);
      self->setting_up = FALSE;
      tonic_appointment_dialog_set_start (self, now);
      self->setting_up = TRUE;
    }
  else
    {
      g_autoptr(GDateTime) start = g_date_time_to_local (tonic_appointment_get_start (appointment));
      GDate date;
      const char *note = tonic_appointment_get_note (appointment);

      title = _("Edit Appointment");
      self->staff_id = tonic_appointment_get_staff_id (appointment);
      show_patient (self, tonic_appointment_get_patient_id (appointment),
                    tonic_appointment_get_patient_name (appointment), NULL);
      adw_combo_row_set_selected (self->type_row,
                                  tonic_appointment_get_appointment_type (appointment));
      gtk_spin_button_set_value (self->length_spin, tonic_appointment_get_minutes (appointment));
      gtk_spin_button_set_value (self->chair_spin, tonic_appointment_get_chair (appointment));
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                      g_date_time_get_year (start));
      gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (start));
      gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (start));
      set_date (self, &date);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                                note != NULL ? note : "", -1);
      adw_window_title_set_subtitle (self->window_title,
                                     tonic_appointment_get_patient_name (appointment));
    }

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  update_save_label (self);
  update_end_hint (self);
  self->setting_up = FALSE;

  /* Only who may see the staff list may choose someone else. */
  if (tonic_permission_allows (tonic_staff_get_role (actor), TONIC_ACTION_STAFF_VIEW))
    tonic_store_list_staff_async (store, FALSE, self->cancellable, on_staff_listed,
                                  g_object_ref (self));

  return self;
}

void
tonic_appointment_dialog_set_start (TonicAppointmentDialog *self,
                                    GDateTime              *start)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_return_if_fail (TONIC_IS_APPOINTMENT_DIALOG (self));
  g_return_if_fail (start != NULL);

  local = g_date_time_to_local (start);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  self->setting_up = TRUE;
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  set_date (self, &date);
  self->setting_up = FALSE;
  update_end_hint (self);
}

void
tonic_appointment_dialog_set_chair (TonicAppointmentDialog *self,
                                    int                     chair)
{
  g_return_if_fail (TONIC_IS_APPOINTMENT_DIALOG (self));

  self->setting_up = TRUE;
  gtk_spin_button_set_value (self->chair_spin, chair);
  self->setting_up = FALSE;
}

void
tonic_appointment_dialog_set_patient (TonicAppointmentDialog *self,
                                      gint64                  patient_id)
{
  g_return_if_fail (TONIC_IS_APPOINTMENT_DIALOG (self));
  g_return_if_fail (patient_id > 0);

  /* Chosen now, named once the store answers. */
  self->preset_id = patient_id;
  self->setting_up = TRUE;
  show_patient (self, patient_id, _("Loading…"), NULL);
  self->setting_up = FALSE;
  tonic_store_open_patient_async (self->store, patient_id, self->cancellable,
                                  on_preset_patient_opened, g_object_ref (self));
}
