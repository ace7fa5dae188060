/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-check-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-check-in-dialog.h"
#include "tonic-today-private.h"

/* The contact details the desk brings up to date, in form order. */
typedef enum
{
  CONTACT_PHONE,
  CONTACT_ADDRESS1,
  CONTACT_ADDRESS2,
  CONTACT_CITY,
  CONTACT_REGION,
  CONTACT_POSTCODE,
  N_CONTACTS
} Contact;

static const TonicPatientField contact_fields[N_CONTACTS] = {
  TONIC_PATIENT_FIELD_PHONE_MOBILE,
  TONIC_PATIENT_FIELD_ADDRESS_LINE1,
  TONIC_PATIENT_FIELD_ADDRESS_LINE2,
  TONIC_PATIENT_FIELD_CITY,
  TONIC_PATIENT_FIELD_REGION,
  TONIC_PATIENT_FIELD_POSTCODE,
};

struct _TonicCheckInDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *check_in_button;
  GtkStack       *button_stack;
  GtkStack       *content_stack;
  AdwStatusPage  *error_status;
  AdwActionRow   *legal_name_row;
  AdwActionRow   *preferred_name_row;
  AdwActionRow   *birth_row;
  GtkCheckButton *identity_check;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *address1_row;
  AdwEntryRow    *address2_row;
  AdwEntryRow    *city_row;
  AdwEntryRow    *region_row;
  AdwEntryRow    *postcode_row;
  GtkLabel       *phone_error;
  GtkLabel       *address_error;
  GtkWidget      *driver_row;
  GtkCheckButton *driver_check;
  GtkWidget      *fasting_row;
  GtkCheckButton *fasting_check;
  GtkLabel       *hint_label;
  GtkLabel       *error_label;

  TonicStore       *store;
  TonicAppointment *appointment;
  TonicPatient     *patient;  /* as read (and saved) */
  GCancellable     *cancellable;
  gboolean          busy;
  gboolean          disposed;
};

G_DEFINE_FINAL_TYPE (TonicCheckInDialog, tonic_check_in_dialog, ADW_TYPE_WINDOW)

enum {
  CHECKED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwEntryRow *
contact_row (TonicCheckInDialog *self,
             Contact             contact)
{
  switch (contact)
    {
    case CONTACT_PHONE:
      return self->phone_row;
    case CONTACT_ADDRESS1:
      return self->address1_row;
    case CONTACT_ADDRESS2:
      return self->address2_row;
    case CONTACT_CITY:
      return self->city_row;
    case CONTACT_REGION:
      return self->region_row;
    case CONTACT_POSTCODE:
      return self->postcode_row;
    case N_CONTACTS:
    default:
      g_assert_not_reached ();
    }
}

static GtkLabel *
contact_error (TonicCheckInDialog *self,
               Contact             contact)
{
  return contact == CONTACT_PHONE ? self->phone_error : self->address_error;
}

/* What is typed in a contact row, trimmed. (g_free()) */
static char *
contact_text (TonicCheckInDialog *self,
              Contact             contact)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (contact_row (self,
                                                                                  contact)))));
}

static const char *
stored_contact (TonicPatient *patient,
                Contact       contact)
{
  switch (contact)
    {
    case CONTACT_PHONE:
      return tonic_patient_get_phone_mobile (patient);
    case CONTACT_ADDRESS1:
      return tonic_patient_get_address_line1 (patient);
    case CONTACT_ADDRESS2:
      return tonic_patient_get_address_line2 (patient);
    case CONTACT_CITY:
      return tonic_patient_get_city (patient);
    case CONTACT_REGION:
      return tonic_patient_get_region (patient);
    case CONTACT_POSTCODE:
      return tonic_patient_get_postcode (patient);
    case N_CONTACTS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_contact_field (TonicPatientFields *fields,
                   Contact             contact,
                   const char         *value)
{
  switch (contact)
    {
    case CONTACT_PHONE:
      fields->phone_mobile = value;
      break;
    case CONTACT_ADDRESS1:
      fields->address_line1 = value;
      break;
    case CONTACT_ADDRESS2:
      fields->address_line2 = value;
      break;
    case CONTACT_CITY:
      fields->city = value;
      break;
    case CONTACT_REGION:
      fields->region = value;
      break;
    case CONTACT_POSTCODE:
      fields->postcode = value;
      break;
    case N_CONTACTS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_button (TonicCheckInDialog *self)
{
  gboolean ready = self->patient != NULL &&
                   gtk_check_button_get_active (self->identity_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->check_in_button), ready && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), !ready);
}

static void
set_busy (TonicCheckInDialog *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "label");
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  /* Read-only rather than insensitive: the focused field keeps its focus
   * while we wait (GTK 4.8 warns when a focused widget turns insensitive). */
  for (Contact c = 0; c < N_CONTACTS; c++)
    gtk_editable_set_editable (GTK_EDITABLE (contact_row (self, c)), !busy);
  gtk_widget_set_can_target (GTK_WIDGET (self->identity_check), !busy);
  gtk_widget_set_can_target (GTK_WIDGET (self->driver_check), !busy);
  gtk_widget_set_can_target (GTK_WIDGET (self->fasting_check), !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
  update_button (self);
}

/* Fills @fields with the patient's record and the typed contact details;
 * @values keeps the typed strings. Returns whether any of them changed. */
static gboolean
collect_fields (TonicCheckInDialog *self,
                TonicPatientFields *fields,
                char               *values[N_CONTACTS])
{
  gboolean changed = FALSE;

  tonic_patient_get_fields (self->patient, fields);

  for (Contact c = 0; c < N_CONTACTS; c++)
    {
      values[c] = contact_text (self, c);
      if (g_strcmp0 (values[c], stored_contact (self->patient, c)) != 0)
        changed = TRUE;
      set_contact_field (fields, c, values[c]);
    }

  return changed;
}

/* Each message next to its field; the address rows share one line, which
 * tells the first of theirs that is wrong. Returns whether all are fine. */
static gboolean
check_contacts (TonicCheckInDialog       *self,
                const TonicPatientFields *fields)
{
  GtkWidget *first = NULL;
  gboolean address_told = FALSE;

  _tonic_today_set_field_error (self->phone_error, NULL, NULL);
  _tonic_today_set_field_error (self->address_error, NULL, NULL);

  for (Contact c = 0; c < N_CONTACTS; c++)
    {
      g_autofree char *message = tonic_patient_check_field (fields, contact_fields[c], NULL);
      GtkWidget *row = GTK_WIDGET (contact_row (self, c));
      GtkLabel *label = contact_error (self, c);

      if (label == self->address_error && address_told)
        label = NULL;
      _tonic_today_set_field_error (message != NULL ? label : NULL, row, message);

      if (message == NULL)
        continue;

      if (label == self->address_error)
        address_told = TRUE;
      if (first == NULL)
        first = row;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);

  return first == NULL;
}

/* Checking in */

static void
on_moved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TonicCheckInDialog) self = user_data;
  g_autoptr(TonicAppointment) moved = NULL;
  g_autoptr(GError) error = NULL;

  moved = tonic_store_move_appointment_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  set_busy (self, FALSE);

  if (moved == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _tonic_today_set_field_error (self->error_label, NULL, error->message);
      return;
    }

  g_signal_emit (self, signals[CHECKED_IN], 0, moved);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
move (TonicCheckInDialog *self)
{
  TonicCheckIn check_in = {
    .identity_confirmed = gtk_check_button_get_active (self->identity_check),
    .driver_confirmed = gtk_check_button_get_active (self->driver_check),
    .fasting_confirmed = gtk_check_button_get_active (self->fasting_check),
  };

  tonic_store_move_appointment_async (self->store, tonic_appointment_get_id (self->appointment),
                                      TONIC_APPOINTMENT_STATE_ARRIVED, &check_in,
                                      self->cancellable, on_moved, g_object_ref (self));
}

static void
on_patient_updated (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicCheckInDialog) self = user_data;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  patient = tonic_store_update_patient_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  if (patient == NULL)
    {
      TonicPatientFields fields = { 0 };
      char *values[N_CONTACTS];

      set_busy (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* A refused value is one the form checks too: it names the field. */
      collect_fields (self, &fields, values);
      if (check_contacts (self, &fields))
        _tonic_today_set_field_error (self->error_label, NULL, error->message);
      for (Contact c = 0; c < N_CONTACTS; c++)
        g_free (values[c]);
      return;
    }

  /* Saved: a second press after a refused move saves nothing again. */
  g_set_object (&self->patient, patient);
  move (self);
}

static void
submit (TonicCheckInDialog *self)
{
  TonicPatientFields fields = { 0 };
  char *values[N_CONTACTS];
  gboolean changed;

  if (self->busy || self->patient == NULL || !gtk_check_button_get_active (self->identity_check))
    return;

  _tonic_today_set_field_error (self->error_label, NULL, NULL);
  changed = collect_fields (self, &fields, values);

  if (check_contacts (self, &fields))
    {
      set_busy (self, TRUE);
      /* Saved only when something changed (an audited edit otherwise). */
      if (changed)
        tonic_store_update_patient_async (self->store, &fields, self->cancellable,
                                          on_patient_updated, g_object_ref (self));
      else
        move (self);
    }

  for (Contact c = 0; c < N_CONTACTS; c++)
    g_free (values[c]);
}

/* Loading the patient */

static char *
format_birth (TonicPatient *patient)
{
  GDate birth;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *date = NULL;
  int age;

  if (!tonic_patient_get_birth_date (patient, &birth))
    return g_strdup (_("Not recorded"));

  time = g_date_time_new_local (g_date_get_year (&birth), g_date_get_month (&birth),
                                g_date_get_day (&birth), 12, 0, 0);
  /* Translators: a date of birth, in strftime() format, such as "12 March 1985" */
  date = g_date_time_format (time, _("%-d %B %Y"));
  age = tonic_patient_get_age (patient, NULL);
  if (age < 0)
    return g_steal_pointer (&date);

  /* Translators: a date of birth and the age it gives, such as
   * "12 March 1985 (age 40)" */
  return g_strdup_printf (ngettext ("%s (age %d)", "%s (age %d)", (gulong) age), date, age);
}

static void
on_patient_opened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicCheckInDialog) self = user_data;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  const char *preferred;

  patient = tonic_store_open_patient_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (patient == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  self->patient = g_object_ref (patient);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->legal_name_row),
                                 tonic_patient_get_legal_name (patient));
  preferred = tonic_patient_get_preferred_name (patient);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->preferred_name_row), preferred);
  gtk_widget_set_visible (GTK_WIDGET (self->preferred_name_row), *preferred != '\0');
  birth = format_birth (patient);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->birth_row), birth);

  for (Contact c = 0; c < N_CONTACTS; c++)
    gtk_editable_set_text (GTK_EDITABLE (contact_row (self, c)), stored_contact (patient, c));
  _tonic_today_set_field_error (self->phone_error, NULL, NULL);
  _tonic_today_set_field_error (self->address_error, NULL, NULL);
  for (Contact c = 0; c < N_CONTACTS; c++)
    _tonic_today_set_field_error (NULL, GTK_WIDGET (contact_row (self, c)), NULL);

  gtk_stack_set_visible_child_name (self->content_stack, "form");
  update_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->identity_check));
}

/* Template callbacks */

static void
on_check_in_clicked (TonicCheckInDialog *self)
{
  submit (self);
}

static void
on_cancel_clicked (TonicCheckInDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (TonicCheckInDialog *self)
{
  /* The move under way finishes first. */
  return self->busy;
}

static void
on_identity_toggled (TonicCheckInDialog *self)
{
  update_button (self);
}

static void
on_contact_changed (TonicCheckInDialog *self,
                    GtkEditable        *editable)
{
  _tonic_today_set_field_error (NULL, GTK_WIDGET (editable), NULL);
}

/* GObject */

static void
tonic_check_in_dialog_dispose (GObject *object)
{
  TonicCheckInDialog *self = TONIC_CHECK_IN_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_CHECK_IN_DIALOG);

  /* Nothing of the patient outlives the window. */
  g_clear_object (&self->patient);
  g_clear_object (&self->appointment);

  G_OBJECT_CLASS (tonic_check_in_dialog_parent_class)->dispose (object);
}

static void
tonic_check_in_dialog_finalize (GObject *object)
{
  TonicCheckInDialog *self = TONIC_CHECK_IN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_check_in_dialog_parent_class)->finalize (object);
}

static void
tonic_check_in_dialog_class_init (TonicCheckInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_check_in_dialog_dispose;
  object_class->finalize = tonic_check_in_dialog_finalize;

  signals[CHECKED_IN] =
    g_signal_new ("checked-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_APPOINTMENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/today/tonic-check-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, button_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, error_status);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, legal_name_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, preferred_name_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, birth_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, identity_check);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, address1_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, address2_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, phone_error);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, address_error);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, driver_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, driver_check);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, fasting_row);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, fasting_check);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TonicCheckInDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_check_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_identity_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_contact_changed);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tonic_check_in_dialog_init (TonicCheckInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (Contact c = 0; c < N_CONTACTS; c++)
    g_signal_connect_swapped (contact_row (self, c), "entry-activated",
                              G_CALLBACK (on_check_in_clicked), self);
}

TonicCheckInDialog *
tonic_check_in_dialog_new (GtkWindow        *parent,
                           TonicStore       *store,
                           TonicAppointment *appointment)
{
  TonicCheckInDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (appointment), NULL);

  self = g_object_new (TONIC_TYPE_CHECK_IN_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->appointment = g_object_ref (appointment);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  adw_window_title_set_subtitle (self->window_title,
                                 tonic_appointment_get_patient_name (appointment));
  /* A consultation or a follow-up gives no dose: no fasting, no driver. */
  gtk_widget_set_visible (self->driver_row, tonic_appointment_type_gives_dose (
                            tonic_appointment_get_appointment_type (appointment)));
  gtk_widget_set_visible (self->fasting_row, tonic_appointment_type_gives_dose (
                            tonic_appointment_get_appointment_type (appointment)));

  tonic_store_open_patient_async (store, tonic_appointment_get_patient_id (appointment),
                                  self->cancellable, on_patient_opened, g_object_ref (self));

  return self;
}
