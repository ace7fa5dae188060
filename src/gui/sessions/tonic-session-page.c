/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-session-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-session-page-private.h"
#include "tonic-sessions-private.h"
#include "tonic-text.h"
#include "tonic-time.h"
#include "tonic-toast.h"

/* Changes are saved this long after the last one (and at once on Ctrl+S,
 * before a step that needs them stored, and when the page goes). */
#define SAVE_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (TonicSessionPage, tonic_session_page, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_session (TonicSessionPage *self);

/* Helpers */

static gboolean
allowed (TonicSessionPage *self,
         TonicAction       action)
{
  if (tonic_permission_allows (tonic_staff_get_role (self->actor), action))
    return TRUE;

  /* Emergency (break-glass) access, audited by the store on each use. */
  return tonic_store_get_emergency (self->store) && tonic_permission_allows_in_emergency (action);
}

gboolean
_tonic_session_page_allowed (TonicSessionPage *self,
                             TonicAction       action)
{
  return allowed (self, action);
}

static void
set_save_state (TonicSessionPage *self,
                const char       *text)
{
  gtk_label_set_label (self->save_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), text != NULL);
}

static void
show_error_page (TonicSessionPage *self,
                 const char       *message)
{
  adw_status_page_set_description (self->error_status, message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
  gtk_revealer_set_reveal_child (self->due_revealer, FALSE);
}

/* A refusal from the store (what succeeds shows on the page itself). */
void
_tonic_session_page_toast (TonicSessionPage *self,
                           const char       *text)
{
  _tonic_toast_show_text (GTK_WIDGET (self), text);
}

static void
forget_dialog (TonicSessionPage *self)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  self->amendment_view = NULL;
}

/* Saving */

static void
run_after_save (TonicSessionPage *self)
{
  g_autoptr(GArray) after = self->after_save;

  self->after_save = g_array_new (FALSE, FALSE, sizeof (AfterSave));
  for (guint i = 0; i < after->len; i++)
    g_array_index (after, AfterSave, i) (self);
}

static void
drop_after_save (TonicSessionPage *self)
{
  g_array_set_size (self->after_save, 0);
  self->recording_vitals = FALSE;
  self->signing = FALSE;
  gtk_widget_set_sensitive (self->record_vitals_button, TRUE);
}

/* A stored session replaces the one shown; the form keeps what it holds. */
static void
take_session (TonicSessionPage *self,
              TonicSession     *session)
{
  g_clear_pointer (&self->session, tonic_session_free);
  self->session = session;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = tonic_store_save_session_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&session, tonic_session_free);
      return;
    }

  self->saving = FALSE;

  if (session == NULL)
    {
      self->dirty = TRUE;
      set_save_state (self, _("Not saved"));
      drop_after_save (self);
      _tonic_session_page_toast (self, error->message);
      return;
    }

  take_session (self, session);
  _tonic_session_page_clear_field_errors (self);

  if (self->dirty)
    {
      _tonic_session_page_save_now (self);
      return;
    }

  set_save_state (self, _("Saved"));
  run_after_save (self);
}

void
_tonic_session_page_save_now (TonicSessionPage *self)
{
  g_autoptr(TonicSession) session = NULL;
  g_autofree char *now = NULL;
  g_autofree char *message = NULL;
  TonicSessionField field;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->session == NULL || !self->editable || self->saving)
    return;

  if (!self->dirty)
    {
      run_after_save (self);
      return;
    }

  session = _tonic_session_page_collect (self);
  now = tonic_text_now_utc ();
  message = tonic_session_check_draft (session, now, &field);
  if (message != NULL)
    {
      set_save_state (self, _("Not saved"));
      drop_after_save (self);
      _tonic_session_page_show_field_error (self, field, message);
      return;
    }

  self->dirty = FALSE;
  self->saving = TRUE;
  set_save_state (self, _("Saving…"));
  tonic_store_save_session_async (self->store, session, self->cancellable, on_saved,
                                  g_object_ref (self));
}

static gboolean
on_save_timeout (gpointer user_data)
{
  TonicSessionPage *self = user_data;

  self->save_source = 0;
  _tonic_session_page_save_now (self);
  return G_SOURCE_REMOVE;
}

void
_tonic_session_page_schedule_save (TonicSessionPage *self)
{
  if (self->populating || !self->editable || self->disposed)
    return;

  self->dirty = TRUE;
  set_save_state (self, _("Unsaved changes"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, self);
}

void
_tonic_session_page_save_then (TonicSessionPage *self,
                               AfterSave         after)
{
  g_array_append_val (self->after_save, after);

  if (self->saving)
    return;  /* run when the save under way is back */

  _tonic_session_page_save_now (self);
}

/* What a page going away still owes the store: the last changes, without
 * waiting for an answer (the workspace is going, on lock too). */
static void
on_final_save (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicSession) session = NULL;

  session = tonic_store_save_session_finish (TONIC_STORE (object), result, &error);
  if (session == NULL)
    g_message ("Could not save the last changes of a session: %s", error->message);
}

static void
on_final_score (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicSessionScore) score = NULL;

  score = tonic_store_save_score_finish (TONIC_STORE (object), result, &error);
  if (score == NULL)
    g_message ("Could not save the last answers of a rating scale: %s", error->message);
}

static void
save_before_going (TonicSessionPage *self)
{
  if (self->session == NULL || !self->editable)
    return;

  if (self->dirty || self->saving)
    {
      g_autoptr(TonicSession) session = _tonic_session_page_collect (self);
      g_autofree char *now = tonic_text_now_utc ();
      g_autofree char *message = NULL;
      TonicSessionField field;

      message = tonic_session_check_draft (session, now, &field);
      if (message == NULL)
        tonic_store_save_session_async (self->store, session, NULL, on_final_save, NULL);
      else
        g_message ("The last changes of session %" G_GINT64_FORMAT " were not valid and are "
                   "not saved", self->session->id);
    }

  for (guint i = 0; i < self->scale_groups->len; i++)
    {
      TonicScaleGroup *group = g_ptr_array_index (self->scale_groups, i);
      const int *answers;
      guint n;

      if (!tonic_scale_group_needs_saving (group))
        continue;

      answers = tonic_scale_group_get_answers (group, &n);
      tonic_store_save_score_async (self->store, self->session->id,
                                    tonic_scale_group_get_instrument (group),
                                    tonic_scale_group_get_timing (group), answers, n, NULL,
                                    on_final_score, NULL);
    }

  self->dirty = FALSE;
}

/* Signing */

static void
on_signed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = tonic_store_sign_session_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&session, tonic_session_free);
      return;
    }

  self->signing = FALSE;
  if (session == NULL)
    {
      _tonic_session_page_toast (self, error->message);
      return;
    }

  take_session (self, session);
  show_session (self);
}

static void
on_sign_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TonicSessionPage *self)
{
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "sign") || self->disposed || self->session == NULL)
    {
      self->signing = FALSE;
      return;
    }

  tonic_store_sign_session_async (self->store, self->session->id, self->cancellable, on_signed,
                                  g_object_ref (self));
}

static void
sign_after_save (TonicSessionPage *self)
{
  g_autofree char *message = NULL;
  g_autofree char *heading = NULL;
  TonicSessionField field;
  GtkWidget *dialog;

  /* The rating scales still being saved count once they are. */
  for (guint i = 0; i < self->scale_groups->len; i++)
    if (tonic_scale_group_get_saving (g_ptr_array_index (self->scale_groups, i)))
      {
        self->signing = FALSE;
        _tonic_session_page_toast (self, _("The rating scales are still being saved; try "
                                           "again in a moment"));
        return;
      }

  message = tonic_session_check_signable (self->session, self->plan->max_dose_mg,
                                          self->session->previous_mg, self->needs_screen, &field);
  if (message != NULL)
    {
      self->signing = FALSE;
      _tonic_session_page_show_field_error (self, field, message);
      return;
    }

  /* Translators: the question before signing; %d is the session's number */
  heading = g_strdup_printf (_("Sign Session %d?"), self->session->number);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("After signing, the record cannot be changed. Corrections "
                                     "are added as amendments, shown with it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign", _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_response), self, 0);

  forget_dialog (self);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (widget);

  if (self->session == NULL || !self->editable || self->signing ||
      !allowed (self, TONIC_ACTION_SESSION_SIGN))
    return;

  self->signing = TRUE;
  _tonic_session_page_save_then (self, sign_after_save);
}

/* Amendments */

static char *
amendment_text (TonicSessionPage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->amendment_view == NULL)
    return g_strdup ("");

  buffer = gtk_text_view_get_buffer (self->amendment_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

static void
on_amendment_added (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicAmendment *amendment;

  amendment = tonic_store_add_amendment_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&amendment, tonic_amendment_free);
      return;
    }

  if (amendment == NULL)
    {
      _tonic_session_page_toast (self, error->message);
      return;
    }

  g_ptr_array_add (self->session->amendments, amendment);
  show_session (self);
}

static void
on_amendment_response (AdwMessageDialog *dialog,
                       const char       *response,
                       TonicSessionPage *self)
{
  g_autofree char *text = amendment_text (self);

  self->amendment_view = NULL;
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "add") || self->disposed || self->session == NULL || *text == '\0')
    return;

  tonic_store_add_amendment_async (self->store, self->session->id, text, self->cancellable,
                                   on_amendment_added, g_object_ref (self));
}

static void
on_amendment_text_changed (TonicSessionPage *self)
{
  g_autofree char *text = amendment_text (self);

  if (self->dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), "add",
                                             *text != '\0' &&
                                               g_utf8_strlen (text, -1) <= TONIC_SESSION_TEXT_MAX);
}

static void
add_amendment_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *view;

  if (self->session == NULL || self->session->status != TONIC_SESSION_STATUS_SIGNED ||
      !allowed (self, TONIC_ACTION_SESSION_SIGN))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Add an Amendment"),
                                   _("The signed record stays as it is. The amendment is shown "
                                     "with it, with your name and the time."));
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 9);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Amendment"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scroller, 360, 140);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Amendment"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  forget_dialog (self);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  self->amendment_view = GTK_TEXT_VIEW (view);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_amendment_text_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_amendment_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Showing the session */

static void
update_title (TonicSessionPage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *name = tonic_patient_dup_display_name (self->patient);
  g_autofree char *day = _tonic_sessions_format_day (tonic_session_get_held_at (self->session));
  g_autofree char *subtitle = NULL;
  const char *status = self->session->status == TONIC_SESSION_STATUS_SIGNED ? _("Signed")
                                                                            : _("Draft");

  /* Translators: the title of a session's page; %d is its number in the
   * course */
  title = g_strdup_printf (_("Session %d"), self->session->number);
  /* Translators: under the title of a session's page: the patient's
   * name, the day and the status ("Draft" or "Signed") */
  subtitle = g_strdup_printf (_("%s · %s · %s"), name, day, status);
  adw_window_title_set_title (self->title_widget, title);
  adw_window_title_set_subtitle (self->title_widget, subtitle);
}

static void
show_session (TonicSessionPage *self)
{
  gboolean draft = self->session->status == TONIC_SESSION_STATUS_DRAFT;
  gboolean was_editable = self->editable;

  self->editable = draft && allowed (self, TONIC_ACTION_SESSION_RECORD);
  update_title (self);

  gtk_widget_set_visible (self->sign_button,
                          self->editable && allowed (self, TONIC_ACTION_SESSION_SIGN));
  gtk_widget_set_visible (self->amend_button,
                          !draft && allowed (self, TONIC_ACTION_SESSION_SIGN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.save", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.add-amendment",
                                 !draft && allowed (self, TONIC_ACTION_SESSION_SIGN));

  if (self->editable)
    {
      if (!was_editable)
        _tonic_session_page_fill_form (self);
      gtk_stack_set_visible_child_name (self->content_stack, "form");
      _tonic_session_page_start_timer (self);
      return;
    }

  _tonic_session_page_stop_timer (self);
  set_save_state (self, NULL);
  gtk_revealer_set_reveal_child (self->due_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.sign", FALSE);
  _tonic_session_record_build (self->record_box, self->session, self->plan);
  gtk_stack_set_visible_child_name (self->content_stack, "record");
}

/* Loading */

static void
loaded_one (TonicSessionPage *self)
{
  g_assert (self->n_loading > 0);

  if (--self->n_loading > 0 || self->session == NULL || self->plan == NULL ||
      self->patient == NULL)
    return;

  self->needs_screen = tonic_indication_needs_suicide_screen (
    tonic_patient_get_indications (self->patient));
  show_session (self);
}

static void
on_plan_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicPlan *plan;

  plan = tonic_store_get_plan_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&plan, tonic_plan_free);
      return;
    }

  if (plan == NULL)
    show_error_page (self, error->message);
  self->plan = plan;
  loaded_one (self);
}

static void
on_patient_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicPatient *patient;

  patient = tonic_store_open_patient_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&patient);
      return;
    }

  if (patient == NULL)
    show_error_page (self, error->message);
  self->patient = patient;
  loaded_one (self);
}

/* The session is here (@session, or @error): its plan and patient next. */
static void
session_loaded (TonicSessionPage *self,
                TonicSession     *session,
                const GError     *error)
{
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&session, tonic_session_free);
      return;
    }

  if (session == NULL)
    {
      show_error_page (self, error->message);
      return;
    }

  take_session (self, session);
  self->n_loading = 2;
  tonic_store_get_plan_async (self->store, session->plan_id, self->cancellable, on_plan_loaded,
                              g_object_ref (self));
  tonic_store_open_patient_async (self->store, session->patient_id, self->cancellable,
                                  on_patient_loaded, g_object_ref (self));
  if (session->status == TONIC_SESSION_STATUS_DRAFT &&
      allowed (self, TONIC_ACTION_SESSION_RECORD))
    _tonic_session_page_load_colleagues (self);
}

static void
on_session_opened (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = tonic_store_open_session_finish (TONIC_STORE (object), result, &error);
  session_loaded (self, session, error);
}

static void
on_session_started (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSession *session;

  session = tonic_store_start_session_finish (TONIC_STORE (object), result, &error);
  session_loaded (self, session, error);
}

static void
reset (TonicSessionPage *self)
{
  /* What another session left: saved first, then gone. */
  save_before_going (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->save_source, g_source_remove);
  drop_after_save (self);
  self->saving = FALSE;
  self->editable = FALSE;
  _tonic_session_page_stop_timer (self);
  for (guint i = 0; i < self->scale_groups->len; i++)
    gtk_box_remove (self->scales_box, g_ptr_array_index (self->scale_groups, i));
  g_ptr_array_set_size (self->scale_groups, 0);
  g_clear_pointer (&self->session, tonic_session_free);
  g_clear_pointer (&self->plan, tonic_plan_free);
  g_clear_object (&self->patient);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

/* Actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (widget);

  _tonic_session_page_save_now (self);
  g_signal_emit (self, signals[BACK], 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (widget);

  if (self->dirty)
    _tonic_session_page_save_now (self);
  else if (self->editable && !self->saving)
    set_save_state (self, _("Saved"));
}

/* GObject */

/* Leaving the window (back, lock, sign-out) happens while the person is
 * still signed in: what waits is saved now, not when the page is freed. */
static void
tonic_session_page_unroot (GtkWidget *widget)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (widget);

  if (!self->left)
    save_before_going (self);
  self->left = TRUE;

  GTK_WIDGET_CLASS (tonic_session_page_parent_class)->unroot (widget);
}

static void
tonic_session_page_dispose (GObject *object)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (object);

  if (!self->left && !self->disposed)
    save_before_going (self);
  self->disposed = TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  _tonic_session_page_stop_timer (self);
  forget_dialog (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_SESSION_PAGE);

  /* Nothing about the patient stays in memory (on lock). */
  g_clear_pointer (&self->session, tonic_session_free);
  g_clear_pointer (&self->plan, tonic_plan_free);
  g_clear_object (&self->patient);
  tonic_dose_result_clear (&self->result);

  G_OBJECT_CLASS (tonic_session_page_parent_class)->dispose (object);
}

static void
tonic_session_page_finalize (GObject *object)
{
  TonicSessionPage *self = TONIC_SESSION_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->checker_names);
  g_clear_pointer (&self->checker_ids, g_array_unref);
  g_clear_pointer (&self->scale_groups, g_ptr_array_unref);
  g_clear_pointer (&self->after_save, g_array_unref);
  g_clear_pointer (&self->checked_in_at, g_free);
  g_clear_pointer (&self->started_at, g_free);
  g_clear_pointer (&self->ended_at, g_free);
  g_clear_pointer (&self->ready_at, g_free);
  g_clear_pointer (&self->weight_measured_at, g_free);

  G_OBJECT_CLASS (tonic_session_page_parent_class)->finalize (object);
}

static void
tonic_session_page_class_init (TonicSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_session_page_dispose;
  object_class->finalize = tonic_session_page_finalize;
  widget_class->unroot = tonic_session_page_unroot;

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TONIC_TYPE_VITALS_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/sessions/tonic-session-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicSessionPage, name)
  BIND (title_widget);
  BIND (sign_button);
  BIND (amend_button);
  BIND (save_label);
  BIND (due_revealer);
  BIND (due_bar);
  BIND (due_label);
  BIND (content_stack);
  BIND (error_status);
  BIND (form_scroller);
  BIND (form_box);
  BIND (record_box);
  BIND (record_scroller);
  BIND (prechecks_group);
  BIND (checkin_row);
  BIND (checkin_entry);
  BIND (fasting_check);
  BIND (driver_check);
  BIND (consent_check);
  BIND (rems_row);
  BIND (rems_check);
  BIND (prechecks_error);
  BIND (weight_row);
  BIND (weight_spin);
  BIND (weight_hint);
  BIND (weight_error);
  BIND (route_row);
  BIND (mode_row);
  BIND (amount_row);
  BIND (amount_spin);
  BIND (amount_unit);
  BIND (bag_row);
  BIND (bag_spin);
  BIND (concentration_row);
  BIND (concentration_spin);
  BIND (minutes_row);
  BIND (minutes_spin);
  BIND (result_box);
  BIND (result_mg);
  BIND (result_concentration);
  BIND (result_volume);
  BIND (result_volume_caption);
  BIND (result_rate_box);
  BIND (result_rate);
  BIND (working_label);
  BIND (dose_error);
  BIND (given_row);
  BIND (given_spin);
  BIND (reason_row);
  BIND (checker_row);
  BIND (lot_row);
  BIND (reason_hint);
  BIND (given_error);
  BIND (reason_error);
  BIND (lot_error);
  BIND (start_row);
  BIND (start_entry);
  BIND (end_row);
  BIND (end_entry);
  BIND (times_error);
  BIND (vitals_group);
  BIND (phase_label);
  BIND (vitals_entry_row);
  BIND (systolic_spin);
  BIND (diastolic_spin);
  BIND (heart_rate_spin);
  BIND (spo2_spin);
  BIND (respiratory_spin);
  BIND (record_vitals_button);
  BIND (vitals_error);
  BIND (vitals_list);
  BIND (vitals_chart);
  BIND (side_effects_group);
  BIND (scales_box);
  BIND (scores_error);
  BIND (rems_group);
  BIND (discharge_group);
  BIND (aldrete_label);
  BIND (ready_row);
  BIND (ready_entry);
  BIND (driver_name_row);
  BIND (discharge_error);
  BIND (note_frame);
  BIND (note_view);
  BIND (note_error);
#undef BIND
  /* Reachable by tests only. */
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "checkin_now_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "start_now_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "end_now_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "ready_now_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "driver_row", FALSE, 0);
  _tonic_session_page_class_init_form (widget_class);

  gtk_widget_class_install_action (widget_class, "session.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "session.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "session.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "session.add-amendment", NULL,
                                   add_amendment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "session.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "session.back", NULL);
}

static void
tonic_session_page_init (TonicSessionPage *self)
{
  _tonic_sessions_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->scale_groups = g_ptr_array_new ();
  self->after_save = g_array_new (FALSE, FALSE, sizeof (AfterSave));
  self->checker_names = gtk_string_list_new (NULL);
  self->checker_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    gint64 none = 0;

    gtk_string_list_append (self->checker_names, _("No one"));
    g_array_append_val (self->checker_ids, none);
  }
  adw_combo_row_set_model (self->checker_row, G_LIST_MODEL (self->checker_names));

  _tonic_session_page_build_form (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.sign", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.add-amendment", FALSE);
}

/* Public API */

GtkWidget *
tonic_session_page_new (TonicStore *store,
                        TonicStaff *actor)
{
  TonicSessionPage *self;

  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);

  self = g_object_new (TONIC_TYPE_SESSION_PAGE, NULL);
  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);

  return GTK_WIDGET (self);
}

void
tonic_session_page_open (TonicSessionPage *self,
                         gint64            session_id)
{
  g_return_if_fail (TONIC_IS_SESSION_PAGE (self));
  g_return_if_fail (session_id > 0);

  reset (self);
  tonic_store_open_session_async (self->store, session_id, self->cancellable, on_session_opened,
                                  g_object_ref (self));
}

void
tonic_session_page_start (TonicSessionPage *self,
                          gint64            patient_id,
                          gint64            appointment_id)
{
  g_return_if_fail (TONIC_IS_SESSION_PAGE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (appointment_id >= 0);

  reset (self);
  tonic_store_start_session_async (self->store, patient_id, appointment_id, self->cancellable,
                                   on_session_started, g_object_ref (self));
}

gint64
tonic_session_page_get_session_id (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), 0);

  return self->session != NULL ? self->session->id : 0;
}

void
tonic_session_page_save (TonicSessionPage *self)
{
  g_return_if_fail (TONIC_IS_SESSION_PAGE (self));

  _tonic_session_page_save_now (self);
}

/* For tests (tonic-sessions-private.h) */

GtkWidget *
_tonic_session_page_get_scale_group (TonicSessionPage *self,
                                     TonicInstrument   instrument,
                                     TonicScoreTiming  timing)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  for (guint i = 0; i < self->scale_groups->len; i++)
    {
      TonicScaleGroup *group = g_ptr_array_index (self->scale_groups, i);

      if (tonic_scale_group_get_instrument (group) == instrument &&
          tonic_scale_group_get_timing (group) == timing)
        return GTK_WIDGET (group);
    }

  return NULL;
}

TonicVitalsRow *
_tonic_session_page_get_vitals_row (TonicSessionPage *self,
                                    guint             index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  row = gtk_list_box_get_row_at_index (self->vitals_list, (int) index);
  return row != NULL ? TONIC_VITALS_ROW (row) : NULL;
}

GtkCheckButton *
_tonic_session_page_get_side_effect_check (TonicSessionPage *self,
                                           TonicSideEffect   effect)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  for (guint i = 0; i < TONIC_N_SIDE_EFFECTS; i++)
    if (tonic_side_effect_nth (i) == effect)
      return self->side_effect_checks[i];

  return NULL;
}

GtkCheckButton *
_tonic_session_page_get_comedication_check (TonicSessionPage  *self,
                                            TonicComedication  comedication)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    if (tonic_comedication_nth (i) == comedication)
      return self->comedication_checks[i];

  return NULL;
}

AdwComboRow *
_tonic_session_page_get_aldrete_row (TonicSessionPage *self,
                                     TonicAldreteItem  item)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);
  g_return_val_if_fail ((guint) item < TONIC_N_ALDRETE_ITEMS, NULL);

  return self->aldrete_rows[item];
}

GtkSpinButton *
_tonic_session_page_get_observation_spin (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  return self->observation_spin;
}

const TonicSession *
_tonic_session_page_get_session (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  return self->session;
}

gboolean
_tonic_session_page_is_busy (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), FALSE);

  for (guint i = 0; i < self->scale_groups->len; i++)
    if (tonic_scale_group_get_saving (g_ptr_array_index (self->scale_groups, i)))
      return TRUE;

  return self->dirty || self->saving || self->save_source != 0 || self->recording_vitals ||
         self->after_save->len > 0;
}

GtkWindow *
_tonic_session_page_get_dialog (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  return self->dialog;
}

GtkTextView *
_tonic_session_page_get_amendment_view (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), NULL);

  return self->amendment_view;
}

void
_tonic_session_page_tick (TonicSessionPage *self)
{
  g_return_if_fail (TONIC_IS_SESSION_PAGE (self));

  _tonic_session_page_update_due (self);
}

gboolean
_tonic_session_page_has_timer (TonicSessionPage *self)
{
  g_return_val_if_fail (TONIC_IS_SESSION_PAGE (self), FALSE);

  return self->timer_id != 0;
}
