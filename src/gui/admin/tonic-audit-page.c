/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-admin-private.h"
#include "tonic-audit-page.h"

#define DEFAULT_PAGE_SIZE 100

struct _TonicAuditPage
{
  AdwBin parent_instance;

  GtkDropDown   *staff_dropdown;
  GtkDropDown   *action_dropdown;
  GtkMenuButton *from_button;
  GtkMenuButton *until_button;
  GtkCalendar   *from_calendar;
  GtkCalendar   *until_calendar;
  GtkWidget     *clear_dates_button;
  GtkWidget     *verify_button;
  GtkWidget     *verify_box;
  GtkImage      *verify_icon;
  GtkLabel      *verify_label;
  GtkStack      *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *error_status;
  GtkWidget     *clear_filters_button;
  GtkActionBar  *older_bar;
  GtkWidget     *older_button;

  TonicStore   *store;
  /* Staff list and verification; the entries have their own, so that a new
   * query drops the answer to the one before. */
  GCancellable *cancellable;
  GCancellable *query_cancellable;

  GListStore *entries;      /* TonicAuditEvent, newest first */
  GArray     *staff_ids;    /* gint64: item i + 1 of staff_dropdown */
  GHashTable *staff_names;  /* gint64 id → display name, for "About" */
  GPtrArray  *action_names; /* static strings: item i + 1 of action_dropdown */
  GDateTime  *from_date;    /* local midnight of the first day, or NULL */
  GDateTime  *until_date;   /* local midnight of the last day, or NULL */
  guint       page_size;

  /* The patient filter: 0 for any. */
  gint64        patient_id;
  GtkMenuButton *patient_button;
  GtkPopover    *patient_popover;
  GtkSearchEntry *patient_entry;
  GtkListBox    *patient_results;
  GCancellable  *patient_cancellable;

  gboolean updating_filters;
  gboolean calendar_moved;
  gboolean verifying;
};

G_DEFINE_FINAL_TYPE (TonicAuditPage, tonic_audit_page, ADW_TYPE_BIN)

/* What the store writes in the "action" column, as people read it. */
static const struct
{
  const char *name;
  const char *label;
} event_labels[] = {
  { "sign-in", N_("Sign-in") },
  { "sign-out", N_("Sign-out") },
  { "lock", N_("Lock") },
  { "idle-lock", N_("Automatic lock") },
  { "practice.create", N_("Practice created") },
  { "staff.add", N_("Staff member added") },
  { "staff.edit", N_("Staff member changed") },
  { "staff.deactivate", N_("Staff member deactivated") },
  { "staff.reactivate", N_("Staff member reactivated") },
  { "staff.password", N_("Password set") },
  { "setting.change", N_("Setting changed") },
  { "emergency-access", N_("Emergency access opened") },
  { "audit.verify", N_("Audit trail verified") },
  { "setting.read", N_("Settings read") },
  { "patient.create", N_("Patient registered") },
  { "patient.edit", N_("Patient details change") },
  { "patient.archive", N_("Patient archived") },
  { "patient.restore", N_("Patient restored") },
  { "patient.import", N_("Patient import") },
  { "chart.open", N_("Record opened") },
  { "medications.edit", N_("Medications changed") },
  { "weight.add", N_("Weight recorded") },
  { "appointment.book", N_("Appointment booked") },
  { "appointment.edit", N_("Appointment change") },
  { "appointment.state", N_("Appointment moved on the board") },
  /* The names shared with a permission (plan.edit, plan.sign,
   * session.sign, safety.acknowledge) are worded to read right beside
   * either outcome, done or denied. */
  { "plan.create", N_("Treatment plan drafted") },
  { "plan.edit", N_("Treatment plan editing") },
  { "plan.revise", N_("Treatment plan revision started") },
  { "plan.discard", N_("Treatment plan draft discarded") },
  { "plan.sign", N_("Treatment plan signature") },
  { "course.end", N_("Course ended") },
  { "session.start", N_("Session started") },
  { "session.open", N_("Session opened") },
  { "session.edit", N_("Session documented") },
  { "session.discard", N_("Draft session discarded") },
  { "session.sign", N_("Session signature") },
  { "session.amend", N_("Session amended") },
  { "vitals.record", N_("Vitals recorded") },
  { "vitals.acknowledge", N_("Vitals warning acknowledged") },
  { "score.record", N_("Rating scale recorded") },
  { "safety.acknowledge", N_("Safety flag acknowledgement") },
  { "report.export", N_("Progress report saved") },
  { "report.print", N_("Progress report printed") },
  { "overview.view", N_("Practice overview") },
};

/* The permission checks, under the names of tonic_action_to_string(). An
 * action added later without a label here shows its stable name. */
static const struct
{
  TonicAction action;
  const char *label;
} permission_labels[] = {
  { TONIC_ACTION_STAFF_VIEW, N_("Viewing staff") },
  { TONIC_ACTION_STAFF_MANAGE, N_("Managing staff") },
  { TONIC_ACTION_AUDIT_VIEW, N_("Reading the audit trail") },
  { TONIC_ACTION_SETTINGS_MANAGE, N_("Changing settings") },
  { TONIC_ACTION_EMERGENCY_ACCESS, N_("Using emergency access") },
  { TONIC_ACTION_CLINICAL_VIEW, N_("Reading clinical records") },
  { TONIC_ACTION_PATIENT_VIEW, N_("Finding patients") },
  { TONIC_ACTION_CLINICAL_EDIT, N_("Editing clinical details") },
  { TONIC_ACTION_APPOINTMENT_VIEW, N_("Viewing appointments") },
  { TONIC_ACTION_SESSION_RECORD, N_("Documenting sessions") },
};

const char *
_tonic_audit_page_get_action_label (const char *name)
{
  TonicAction action;

  if (name == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (event_labels); i++)
    if (g_str_equal (name, event_labels[i].name))
      return _(event_labels[i].label);

  if (tonic_action_from_string (name, &action))
    for (guint i = 0; i < G_N_ELEMENTS (permission_labels); i++)
      if (permission_labels[i].action == action)
        return _(permission_labels[i].label);

  return name;
}

static char *
format_time (const char *at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  if (utc == NULL)
    return g_strdup (at != NULL ? at : "");

  local = g_date_time_to_local (utc);
  /* Translators: a time in the audit trail, in strftime() format, such as
   * "22 Nov 2026 14:05:33" */
  return g_date_time_format (local, _("%-d %b %Y %H:%M:%S"));
}

static char *
format_day (GDateTime *day)
{
  /* Translators: a day chosen for the audit trail's filter, in strftime()
   * format, such as "22 Nov 2026" */
  return g_date_time_format (day, _("%-d %b %Y"));
}

/* The UTC ISO-8601 time at which the local @day, moved by @add_days,
 * begins. */
static char *
utc_bound (GDateTime *day,
           int        add_days)
{
  g_autoptr(GDateTime) shifted = g_date_time_add_days (day, add_days);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (shifted);

  /* The store's form of a moment (ARCHITECTURE.md, "Storage"). */
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
selected_staff_id (TonicAuditPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->staff_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || selected > self->staff_ids->len)
    return 0;

  return g_array_index (self->staff_ids, gint64, selected - 1);
}

static const char *
selected_action (TonicAuditPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->action_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0 ||
      selected > self->action_names->len)
    return NULL;

  return g_ptr_array_index (self->action_names, selected - 1);
}

static gboolean
filters_active (TonicAuditPage *self)
{
  return selected_staff_id (self) != 0 || selected_action (self) != NULL ||
         self->patient_id != 0 || self->from_date != NULL || self->until_date != NULL;
}

static void
update_date_buttons (TonicAuditPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (self->from_date != NULL)
    {
      g_autofree char *day = format_day (self->from_date);
      /* Translators: %s is a day, such as "3 Nov 2026" */
      from = g_strdup_printf (_("From %s"), day);
    }

  if (self->until_date != NULL)
    {
      g_autofree char *day = format_day (self->until_date);
      /* Translators: %s is a day, such as "3 Nov 2026"; entries of that day are included */
      until = g_strdup_printf (_("To %s"), day);
    }

  gtk_menu_button_set_label (self->from_button, from != NULL ? from : _("From"));
  gtk_menu_button_set_label (self->until_button, until != NULL ? until : _("To"));
  gtk_widget_set_sensitive (self->clear_dates_button,
                            self->from_date != NULL || self->until_date != NULL);
}

/* Reading entries */

static void
on_entries_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicAuditPage) self = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  events = tonic_store_list_audit_finish (TONIC_STORE (object), result, &error);
  if (events == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      gtk_action_bar_set_revealed (self->older_bar, FALSE);
      return;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_list_store_splice (self->entries, n_items, 0, events->pdata, events->len);
  n_items += events->len;

  /* A full page may have more behind it. */
  gtk_action_bar_set_revealed (self->older_bar, events->len >= self->page_size);
  gtk_widget_set_sensitive (self->older_button, TRUE);

  if (n_items == 0)
    {
      gtk_widget_set_visible (self->clear_filters_button, filters_active (self));
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
    }
}

/* Reads the newest page with the current filters, or with @older the page
 * after the entries shown. */
static void
load_entries (TonicAuditPage *self,
              gboolean        older)
{
  TonicAuditQuery query = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);
  self->query_cancellable = g_cancellable_new ();

  query.staff_id = selected_staff_id (self);
  query.action = selected_action (self);
  query.patient_id = self->patient_id;
  if (self->from_date != NULL)
    query.from = from = utc_bound (self->from_date, 0);
  if (self->until_date != NULL)
    query.until = until = utc_bound (self->until_date, 1);
  query.limit = self->page_size;

  if (older)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
      g_autoptr(TonicAuditEvent) last = NULL;

      if (n_items == 0)
        return;

      last = g_list_model_get_item (G_LIST_MODEL (self->entries), n_items - 1);
      query.before = tonic_audit_event_get_sequence (last);
      gtk_widget_set_sensitive (self->older_button, FALSE);
    }
  else
    {
      g_list_store_remove_all (self->entries);
      gtk_action_bar_set_revealed (self->older_bar, FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }

  tonic_store_list_audit_async (self->store, &query, self->query_cancellable,
                                on_entries_loaded, g_object_ref (self));
}

/* The staff filter */

static void
on_staff_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicAuditPage) self = user_data;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  gint64 selected_id;
  guint selected = 0;

  staff = tonic_store_list_staff_finish (TONIC_STORE (object), result, &error);
  if (staff == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The trail reads without names for the filter. */
      g_warning ("Could not read the staff list for the audit filter: %s", error->message);
      load_entries (self, FALSE);
      return;
    }

  selected_id = selected_staff_id (self);
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Anyone"));
  g_array_set_size (self->staff_ids, 0);

  for (guint i = 0; i < staff->len; i++)
    {
      TonicStaff *member = g_ptr_array_index (staff, i);
      gint64 id = tonic_staff_get_id (member);

      if (tonic_staff_get_active (member))
        {
          gtk_string_list_append (names, tonic_staff_get_display_name (member));
        }
      else
        {
          /* Translators: %s is the name of a staff member who can no longer sign in */
          g_autofree char *name = g_strdup_printf (_("%s (deactivated)"),
                                                   tonic_staff_get_display_name (member));
          gtk_string_list_append (names, name);
        }

      g_array_append_val (self->staff_ids, id);
      g_hash_table_insert (self->staff_names, g_memdup2 (&id, sizeof id),
                           g_strdup (tonic_staff_get_display_name (member)));
      if (id == selected_id)
        selected = i + 1;
    }

  /* The same choice in the new list: the entries shown stay right. */
  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->staff_dropdown, selected);
  self->updating_filters = FALSE;

  load_entries (self, FALSE);
}

/* Verification */

static void
show_verify_result (TonicAuditPage *self,
                    const char     *icon_name,
                    const char     *style,
                    const char     *text)
{
  gtk_widget_remove_css_class (self->verify_box, "success");
  gtk_widget_remove_css_class (self->verify_box, "error");
  if (style != NULL)
    gtk_widget_add_css_class (self->verify_box, style);

  gtk_image_set_from_icon_name (self->verify_icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_icon), icon_name != NULL);
  gtk_label_set_label (self->verify_label, text);
  gtk_widget_set_visible (self->verify_box, TRUE);
}

static void
on_verified (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TonicAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 broken;

  broken = tonic_store_verify_audit_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->verifying = FALSE;
  gtk_widget_set_sensitive (self->verify_button, TRUE);

  if (error != NULL)
    {
      show_verify_result (self, "dialog-error-symbolic", "error", error->message);
    }
  else if (broken == 0)
    {
      show_verify_result (self, "emblem-ok-symbolic", "success",
                          _("The audit trail is intact: every entry since the practice was "
                            "created matches."));
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: %lld is the sequence number of an audit trail entry */
      text = g_strdup_printf (_("Entry %lld has been changed or removed. Every entry before it "
                                "is intact."),
                              (long long) broken);
      show_verify_result (self, "dialog-error-symbolic", "error", text);
    }

  /* The check is in the trail too. */
  load_entries (self, FALSE);
}

/* Template callbacks */

static void
on_verify_clicked (TonicAuditPage *self)
{
  if (self->store == NULL || self->verifying)
    return;

  self->verifying = TRUE;
  gtk_widget_set_sensitive (self->verify_button, FALSE);
  show_verify_result (self, NULL, NULL, _("Checking every entry…"));
  tonic_store_verify_audit_async (self->store, self->cancellable, on_verified,
                                  g_object_ref (self));
}

static void
on_filter_changed (TonicAuditPage *self)
{
  if (!self->updating_filters)
    load_entries (self, FALSE);
}

static void
on_older_clicked (TonicAuditPage *self)
{
  load_entries (self, TRUE);
}

static void
on_retry_clicked (TonicAuditPage *self)
{
  tonic_audit_page_reload (self);
}

static void
on_clear_dates_clicked (TonicAuditPage *self)
{
  g_clear_pointer (&self->from_date, g_date_time_unref);
  g_clear_pointer (&self->until_date, g_date_time_unref);
  update_date_buttons (self);
  load_entries (self, FALSE);
}

/* The patient filter: a search in a popover; the first row is "Any
 * patient", the others the matches (at most a few), each its MRN and name. */

static void
set_patient_filter (TonicAuditPage *self,
                    gint64          patient_id,
                    const char     *label)
{
  self->patient_id = patient_id;
  gtk_menu_button_set_label (self->patient_button, patient_id != 0 ? label : _("Any patient"));
}

static GtkWidget *
make_patient_row (gint64      patient_id,
                  const char *title,
                  const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "patient-id",
                          g_memdup2 (&patient_id, sizeof patient_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "patient-label", g_strdup (title), g_free);

  return row;
}

static void
clear_patient_results (TonicAuditPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->patient_results))) != NULL)
    gtk_list_box_remove (self->patient_results, child);

  gtk_list_box_append (self->patient_results, make_patient_row (0, _("Any patient"), NULL));
}

static void
on_patients_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicAuditPage) self = user_data;
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;

  patients = tonic_store_list_patients_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clear_patient_results (self);
  if (patients == NULL)
    {
      gtk_list_box_append (self->patient_results,
                           make_patient_row (0, error->message, NULL));
      return;
    }

  for (guint i = 0; i < patients->len; i++)
    {
      TonicPatient *patient = g_ptr_array_index (patients, i);
      g_autofree char *name = tonic_patient_dup_display_name (patient);
      g_autofree char *label = NULL;

      /* Translators: a patient in the audit filter: MRN and name */
      label = g_strdup_printf (_("%s · %s"), tonic_patient_get_mrn (patient), name);
      gtk_list_box_append (self->patient_results,
                           make_patient_row (tonic_patient_get_id (patient), label,
                                             tonic_patient_get_date_of_birth (patient)));
    }
}

static void
on_patient_search_changed (TonicAuditPage *self)
{
  TonicPatientQuery query = { 0 };
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->patient_entry));

  g_cancellable_cancel (self->patient_cancellable);
  g_clear_object (&self->patient_cancellable);

  if (*text == '\0')
    {
      clear_patient_results (self);
      return;
    }

  self->patient_cancellable = g_cancellable_new ();
  query.text = text;
  query.status = TONIC_PATIENT_STATUS_ANY;
  query.sort = TONIC_PATIENT_SORT_NAME;
  tonic_store_list_patients_async (self->store, &query, 0, 8, self->patient_cancellable,
                                   on_patients_found, g_object_ref (self));
}

static void
on_patient_popover_show (TonicAuditPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->patient_entry), "");
  clear_patient_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->patient_entry));
}

static void
on_patient_row_activated (TonicAuditPage *self,
                          GtkListBoxRow  *row)
{
  gint64 *patient_id = g_object_get_data (G_OBJECT (row), "patient-id");

  set_patient_filter (self, patient_id != NULL ? *patient_id : 0,
                      g_object_get_data (G_OBJECT (row), "patient-label"));
  gtk_popover_popdown (self->patient_popover);
  load_entries (self, FALSE);
}

static void
on_clear_filters_clicked (TonicAuditPage *self)
{
  set_patient_filter (self, 0, NULL);
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->staff_dropdown, 0);
  gtk_drop_down_set_selected (self->action_dropdown, 0);
  self->updating_filters = FALSE;
  on_clear_dates_clicked (self);
}

/* The date range: a day chosen in a calendar applies at once; a calendar
 * moved to another month and left applies the day it then shows, as
 * highlighted. */

static GtkCalendar *
popover_calendar (TonicAuditPage *self,
                  GtkPopover     *popover)
{
  return GTK_CALENDAR (gtk_popover_get_child (popover));
}

static void
apply_calendar (TonicAuditPage *self,
                GtkCalendar    *calendar)
{
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) day = NULL;
  GDateTime **slot = calendar == self->from_calendar ? &self->from_date : &self->until_date;

  day = g_date_time_new_local (g_date_time_get_year (shown), g_date_time_get_month (shown),
                               g_date_time_get_day_of_month (shown), 0, 0, 0);
  if (*slot != NULL && g_date_time_equal (*slot, day))
    return;

  g_clear_pointer (slot, g_date_time_unref);
  *slot = g_steal_pointer (&day);
  update_date_buttons (self);
  load_entries (self, FALSE);
}

static void
on_day_selected (TonicAuditPage *self,
                 GtkCalendar    *calendar)
{
  GtkWidget *popover;

  if (self->updating_filters)
    return;

  self->calendar_moved = FALSE;
  apply_calendar (self, calendar);

  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_moved (TonicAuditPage *self)
{
  if (!self->updating_filters)
    self->calendar_moved = TRUE;
}

static void
on_date_popover_shown (TonicAuditPage *self,
                       GtkPopover     *popover)
{
  GtkCalendar *calendar = popover_calendar (self, popover);
  GDateTime *day = calendar == self->from_calendar ? self->from_date : self->until_date;

  /* Open on the day in use, or today. */
  self->updating_filters = TRUE;
  if (day != NULL)
    {
      gtk_calendar_select_day (calendar, day);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      gtk_calendar_select_day (calendar, now);
    }
  self->updating_filters = FALSE;
  self->calendar_moved = FALSE;
}

static void
on_date_popover_closed (TonicAuditPage *self,
                        GtkPopover     *popover)
{
  if (self->calendar_moved)
    apply_calendar (self, popover_calendar (self, popover));
  self->calendar_moved = FALSE;
}

/* The columns */

static TonicAuditEvent *
item_event (GtkListItem *item)
{
  return TONIC_AUDIT_EVENT (gtk_list_item_get_item (item));
}

static void
on_label_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TonicAuditPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_time_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TonicAuditPage           *self)
{
  g_autofree char *text = format_time (tonic_audit_event_get_at (item_event (item)));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_staff_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TonicAuditPage           *self)
{
  TonicAuditEvent *event = item_event (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *name = tonic_audit_event_get_staff_name (event);
  gint64 staff_id = tonic_audit_event_get_staff_id (event);
  g_autofree char *text = NULL;

  if (name != NULL)
    text = g_strdup (name);
  else if (staff_id != 0)
    /* Translators: a staff member whose name could not be read; %lld is their number */
    text = g_strdup_printf (_("Staff member %lld"), (long long) staff_id);
  else
    text = g_strdup (_("Nobody signed in"));

  gtk_label_set_label (GTK_LABEL (label), text);
  if (staff_id == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
on_action_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TonicAuditPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *emergency = gtk_label_new (_("Emergency"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (emergency, "caption-heading");
  gtk_widget_add_css_class (emergency, "error");
  gtk_widget_set_tooltip_text (emergency, _("Done under emergency access"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), emergency);
  gtk_list_item_set_child (item, box);
}

static void
on_action_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TonicAuditPage           *self)
{
  TonicAuditEvent *event = item_event (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *emergency = gtk_widget_get_next_sibling (label);

  gtk_label_set_label (GTK_LABEL (label),
                       _tonic_audit_page_get_action_label (tonic_audit_event_get_action (event)));
  gtk_widget_set_visible (emergency, tonic_audit_event_get_emergency (event));
}

static void
on_object_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TonicAuditPage           *self)
{
  TonicAuditEvent *event = item_event (item);
  const char *type = tonic_audit_event_get_object_type (event);
  const char *id = tonic_audit_event_get_object_id (event);
  const char *text = id;
  gint64 staff_id;

  /* Staff records by name, the practice as such, anything else by its id
   * for now. */
  if (g_strcmp0 (type, "staff") == 0 && id != NULL &&
      g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &staff_id, NULL))
    {
      const char *name = g_hash_table_lookup (self->staff_names, &staff_id);

      if (name != NULL)
        text = name;
    }
  else if (g_strcmp0 (type, "practice") == 0)
    {
      text = _("The practice");
    }

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
on_outcome_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TonicAuditPage           *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = NULL;
  const char *style = NULL;

  switch (tonic_audit_event_get_outcome (item_event (item)))
    {
    case TONIC_AUDIT_OK:
      /* Translators: the outcome of an audited action */
      text = C_("audit outcome", "OK");
      break;
    case TONIC_AUDIT_DENIED:
      text = C_("audit outcome", "Denied");
      style = "error";
      break;
    case TONIC_AUDIT_FAILED:
      text = C_("audit outcome", "Failed");
      style = "warning";
      break;
    default:
      text = "";
      break;
    }

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

static void
on_detail_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TonicAuditPage           *self)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *detail = tonic_audit_event_get_detail (item_event (item));

  gtk_label_set_label (GTK_LABEL (label), detail != NULL ? detail : "");
  /* Long details are cut in the column; the whole one on hover. */
  gtk_widget_set_tooltip_text (label, detail != NULL && *detail != '\0' ? detail : NULL);
}

/* GObject */

static void
tonic_audit_page_dispose (GObject *object)
{
  TonicAuditPage *self = TONIC_AUDIT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->query_cancellable);
  g_cancellable_cancel (self->patient_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_AUDIT_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->staff_names, g_hash_table_unref);
  g_clear_pointer (&self->action_names, g_ptr_array_unref);
  g_clear_pointer (&self->from_date, g_date_time_unref);
  g_clear_pointer (&self->until_date, g_date_time_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->patient_cancellable);

  G_OBJECT_CLASS (tonic_audit_page_parent_class)->dispose (object);
}

static void
tonic_audit_page_class_init (TonicAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_audit_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/admin/tonic-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, patient_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, patient_popover);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, patient_entry);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, patient_results);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_patient_row_activated);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, until_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, clear_dates_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, verify_box);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, older_bar);
  gtk_widget_class_bind_template_child (widget_class, TonicAuditPage, older_button);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_older_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_dates_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_moved);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_time_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_action_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_action_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_object_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_bind);
}

static void
tonic_audit_page_init (TonicAuditPage *self)
{
  g_autoptr(GtkStringList) staff_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) action_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;

  self->cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (TONIC_TYPE_AUDIT_EVENT);
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->staff_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->action_names = g_ptr_array_new ();
  self->page_size = DEFAULT_PAGE_SIZE;

  /* The filters' models are in place before their signals are connected. */
  self->updating_filters = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (staff_names, _("Anyone"));
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (staff_names));

  gtk_string_list_append (action_labels, _("Any action"));
  for (guint i = 0; i < G_N_ELEMENTS (event_labels); i++)
    {
      g_ptr_array_add (self->action_names, (gpointer) event_labels[i].name);
      gtk_string_list_append (action_labels, _(event_labels[i].label));
    }
  for (guint i = 0; i < TONIC_N_ACTIONS; i++)
    {
      const char *name = tonic_action_to_string ((TonicAction) i);

      /* An event of the same name is listed already. */
      if (g_ptr_array_find_with_equal_func (self->action_names, name, g_str_equal, NULL))
        continue;

      g_ptr_array_add (self->action_names, (gpointer) name);
      gtk_string_list_append (action_labels, _tonic_audit_page_get_action_label (name));
    }
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (action_labels));
  self->updating_filters = FALSE;

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  update_date_buttons (self);
}

void
_tonic_audit_page_set_page_size (TonicAuditPage *self,
                                 guint           page_size)
{
  g_return_if_fail (TONIC_IS_AUDIT_PAGE (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
}

void
tonic_audit_page_set_store (TonicAuditPage *self,
                            TonicStore     *store)
{
  g_return_if_fail (TONIC_IS_AUDIT_PAGE (self));
  g_return_if_fail (TONIC_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
tonic_audit_page_reload (TonicAuditPage *self)
{
  g_return_if_fail (TONIC_IS_AUDIT_PAGE (self));

  if (self->store == NULL)
    return;

  /* The staff list first, so that entries are shown with the names of
   * the people they are about; the entries follow. */
  g_cancellable_cancel (self->query_cancellable);
  g_list_store_remove_all (self->entries);
  gtk_action_bar_set_revealed (self->older_bar, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  tonic_store_list_staff_async (self->store, TRUE, self->cancellable, on_staff_loaded,
                                g_object_ref (self));
}
