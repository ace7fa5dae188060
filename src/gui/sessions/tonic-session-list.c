/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-session-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-session-list.h"
#include "tonic-sessions-private.h"

#define SESSION_ID_KEY "tonic-session-id"

struct _TonicSessionList
{
  AdwBin parent_instance;

  GtkStack            *state_stack;
  AdwPreferencesGroup *list_group;
  GtkWidget           *start_button;
  GtkListBox          *sessions_list;
  AdwStatusPage       *empty_status;
  GtkWidget           *empty_start_button;
  AdwStatusPage       *error_status;

  TonicStore   *store;
  TonicStaff   *actor;
  TonicPatient *patient;
  /* The reads for the patient shown: another patient cancels them. */
  GCancellable *cancellable;
  gboolean      loaded;
  gboolean      has_plan;
  guint         n_sessions;
};

G_DEFINE_FINAL_TYPE (TonicSessionList, tonic_session_list, ADW_TYPE_BIN)

static void load (TonicSessionList *self);

static gboolean
allowed (TonicSessionList *self,
         TonicAction       action)
{
  if (self->actor == NULL || self->store == NULL)
    return FALSE;

  if (tonic_permission_allows (tonic_staff_get_role (self->actor), action))
    return TRUE;

  return tonic_store_get_emergency (self->store) && tonic_permission_allows_in_emergency (action);
}

/* "Start Session" for those who document sessions, once there is a plan
 * to follow. */
static void
update_start (TonicSessionList *self)
{
  gboolean record = allowed (self, TONIC_ACTION_SESSION_RECORD);
  const char *hint = NULL;

  gtk_widget_set_visible (self->start_button, record);
  gtk_widget_set_visible (self->empty_start_button, record && self->has_plan);
  gtk_widget_set_sensitive (self->start_button, self->has_plan);

  if (!self->has_plan)
    hint = _("A session follows a signed treatment plan: the patient has none yet.");
  else if (record)
    hint = _("Start one when the patient is in the chair, or from their appointment on the "
             "Today board.");
  else
    hint = _("Sessions documented for this patient appear here.");

  adw_status_page_set_description (self->empty_status, hint);
  gtk_widget_set_tooltip_text (self->start_button, self->has_plan ? NULL : hint);
}

static void
update_summary (TonicSessionList *self,
                GPtrArray        *sessions)
{
  g_autofree char *summary = NULL;
  guint n_signed = 0;

  for (guint i = 0; i < sessions->len; i++)
    if (((TonicSession *) g_ptr_array_index (sessions, i))->status == TONIC_SESSION_STATUS_SIGNED)
      n_signed++;

  /* Translators: under the heading of a patient's sessions; the first %u
   * is how many sessions, the second how many of them are signed */
  summary = g_strdup_printf (ngettext ("%u session, %u signed", "%u sessions, %u signed",
                                       sessions->len),
                             sessions->len, n_signed);
  adw_preferences_group_set_description (self->list_group, summary);
}

static void
clear_rows (TonicSessionList *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->sessions_list, 0)) != NULL)
    gtk_list_box_remove (self->sessions_list, GTK_WIDGET (row));
}

/* "40 mg · PHQ-9 12 · CADSS 8". */
static char *
format_summary (const TonicSession *session)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  double mg = session->given_mg > 0 ? session->given_mg : session->calculated_mg;

  if (mg > 0)
    {
      g_autofree char *number = _tonic_sessions_format_number (mg, 1);

      /* Translators: the dose of a session in the list, such as "40 mg IV" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s mg %s"), number,
                                               tonic_route_get_label (session->route)));
    }
  else
    {
      g_ptr_array_add (parts, g_strdup (tonic_route_get_label (session->route)));
    }

  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);
      TonicInstrument instrument = score->score.instrument;
      g_autofree char *total = NULL;

      if (instrument == TONIC_INSTRUMENT_CSSRS &&
          tonic_instrument_get_n_bands (instrument) > 0)
        total = g_strdup (_(tonic_instrument_get_band (instrument, score->score.band)->label));
      else
        total = tonic_instrument_format_total (instrument, score->score.total);

      /* Translators: a score in the list of sessions, such as "PHQ-9 12" */
      g_ptr_array_add (parts, g_strdup_printf (_("%s %s"), tonic_instrument_get_label (instrument),
                                               total));
    }

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of a session's summary */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static gboolean
has_open_safety_flag (const TonicSession *session)
{
  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->score.safety != TONIC_SAFETY_NONE &&
          (score->acknowledged_at == NULL || *score->acknowledged_at == '\0'))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
build_row (const TonicSession *session)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = _tonic_sessions_format_day (tonic_session_get_held_at (session));
  g_autofree char *title = NULL;
  g_autofree char *summary = format_summary (session);
  gboolean is_signed = session->status == TONIC_SESSION_STATUS_SIGNED;
  GtkWidget *status = gtk_label_new (is_signed ? _("Signed") : _("Draft"));

  /* Translators: a session in the patient's list: its number and day,
   * such as "Session 3 · 12 March 2026" */
  title = g_strdup_printf (_("Session %d · %s"), session->number, day);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), SESSION_ID_KEY, g_memdup2 (&session->id, sizeof (gint64)),
                          g_free);

  if (has_open_safety_flag (session))
    {
      GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *tip = _("A safety alert waits for a clinician’s acknowledgement");

      gtk_widget_add_css_class (flag, "error");
      gtk_widget_set_tooltip_text (flag, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (flag), GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), flag);
    }

  if (session->amendments->len > 0)
    {
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* Translators: beside a signed session in the list */
      text = g_strdup_printf (ngettext ("%u amendment", "%u amendments", session->amendments->len),
                              session->amendments->len);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  gtk_widget_add_css_class (status, "session-status");
  gtk_widget_add_css_class (status, is_signed ? "signed" : "draft");
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

/* Loading */

static void
on_sessions_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicSessionList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;

  sessions = tonic_store_list_sessions_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->patient == NULL)
    return;

  self->loaded = TRUE;
  clear_rows (self);

  if (sessions == NULL)
    {
      adw_status_page_set_description (self->error_status, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  self->n_sessions = sessions->len;
  for (guint i = 0; i < sessions->len; i++)
    gtk_list_box_append (self->sessions_list, build_row (g_ptr_array_index (sessions, i)));

  update_summary (self, sessions);
  gtk_stack_set_visible_child_name (self->state_stack, sessions->len > 0 ? "list" : "empty");
}

static void
on_plan_found (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TonicSessionList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPlan) plan = NULL;

  plan = tonic_store_get_active_plan_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->patient == NULL)
    return;

  self->has_plan = plan != NULL;
  update_start (self);
}

static void
load (TonicSessionList *self)
{
  gint64 patient_id;

  if (self->patient == NULL || self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Only who may read clinical records (never the front desk). */
  if (!allowed (self, TONIC_ACTION_CLINICAL_VIEW))
    {
      gtk_stack_set_visible_child_name (self->state_stack, "nothing");
      return;
    }

  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->state_stack, "loading");

  patient_id = tonic_patient_get_id (self->patient);
  tonic_store_get_active_plan_async (self->store, patient_id, self->cancellable, on_plan_found,
                                     g_object_ref (self));
  tonic_store_list_sessions_async (self->store, patient_id, self->cancellable,
                                   on_sessions_listed, g_object_ref (self));
}

/* Template callbacks */

static void
on_start_clicked (TonicSessionList *self)
{
  if (self->patient == NULL || !self->has_plan)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "workspace.start-session", "(xx)",
                              tonic_patient_get_id (self->patient), (gint64) 0);
}

static void
on_row_activated (TonicSessionList *self,
                  GtkListBoxRow    *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), SESSION_ID_KEY);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "workspace.open-session", "x", *id);
}

/* GObject and GtkWidget */

static void
tonic_session_list_map (GtkWidget *widget)
{
  TonicSessionList *self = TONIC_SESSION_LIST (widget);

  GTK_WIDGET_CLASS (tonic_session_list_parent_class)->map (widget);

  /* Back from a session: what changed meanwhile. */
  if (self->loaded)
    load (self);
}

static void
tonic_session_list_dispose (GObject *object)
{
  TonicSessionList *self = TONIC_SESSION_LIST (object);

  g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_SESSION_LIST);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (tonic_session_list_parent_class)->dispose (object);
}

static void
tonic_session_list_finalize (GObject *object)
{
  TonicSessionList *self = TONIC_SESSION_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_session_list_parent_class)->finalize (object);
}

static void
tonic_session_list_class_init (TonicSessionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_session_list_dispose;
  object_class->finalize = tonic_session_list_finalize;
  widget_class->map = tonic_session_list_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sessions/tonic-session-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, state_stack);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, list_group);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, start_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, empty_start_button);
  gtk_widget_class_bind_template_child (widget_class, TonicSessionList, error_status);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
tonic_session_list_init (TonicSessionList *self)
{
  _tonic_sessions_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

TonicSessionList *
tonic_session_list_new (void)
{
  return g_object_new (TONIC_TYPE_SESSION_LIST, NULL);
}

void
tonic_session_list_set_session (TonicSessionList *self,
                                TonicStore       *store,
                                TonicStaff       *actor)
{
  g_return_if_fail (TONIC_IS_SESSION_LIST (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_STAFF (actor));

  g_set_object (&self->store, store);
  g_set_object (&self->actor, actor);
  update_start (self);
}

void
tonic_session_list_show (TonicSessionList *self,
                         TonicPatient     *patient)
{
  g_return_if_fail (TONIC_IS_SESSION_LIST (self));
  g_return_if_fail (TONIC_IS_PATIENT (patient));

  if (self->patient == NULL ||
      tonic_patient_get_id (self->patient) != tonic_patient_get_id (patient))
    {
      tonic_session_list_clear (self);
      self->has_plan = FALSE;
    }

  g_set_object (&self->patient, patient);
  update_start (self);
  load (self);
}

void
tonic_session_list_clear (TonicSessionList *self)
{
  g_return_if_fail (TONIC_IS_SESSION_LIST (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->patient);
  self->loaded = FALSE;
  self->n_sessions = 0;
  clear_rows (self);
  adw_preferences_group_set_description (self->list_group, NULL);
  gtk_stack_set_visible_child_name (self->state_stack, "nothing");
}

/* For tests (tonic-sessions-private.h) */

GtkListBoxRow *
_tonic_session_list_get_row (TonicSessionList *self,
                             guint             index)
{
  g_return_val_if_fail (TONIC_IS_SESSION_LIST (self), NULL);

  return gtk_list_box_get_row_at_index (self->sessions_list, (int) index);
}
