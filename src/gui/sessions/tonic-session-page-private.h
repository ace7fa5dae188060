/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-session-page.h"
#include "tonic-vitals-chart.h"

G_BEGIN_DECLS

/* Shared by the session page (tonic-session-page.c: loading, saving,
 * signing, amendments) and its form (tonic-session-page-form.c: the parts
 * of a draft, the dose calculator, the due bar, vitals and scales). */

typedef void (*AfterSave) (TonicSessionPage *self);

struct _TonicSessionPage
{
  AdwBin parent_instance;

  /* Template widgets */
  AdwWindowTitle    *title_widget;
  GtkWidget         *sign_button;
  GtkWidget         *amend_button;
  GtkLabel          *save_label;
  GtkRevealer       *due_revealer;
  GtkWidget         *due_bar;
  GtkLabel          *due_label;
  GtkStack          *content_stack;
  AdwStatusPage     *error_status;
  GtkScrolledWindow *form_scroller;
  GtkWidget         *form_box;
  GtkBox            *record_box;
  GtkScrolledWindow *record_scroller;

  GtkWidget         *prechecks_group;
  GtkWidget         *checkin_row;
  GtkEditable       *checkin_entry;
  GtkCheckButton    *fasting_check;
  GtkCheckButton    *driver_check;
  GtkCheckButton    *consent_check;
  GtkWidget         *rems_row;
  GtkCheckButton    *rems_check;
  GtkLabel          *prechecks_error;

  GtkWidget         *weight_row;
  GtkSpinButton     *weight_spin;
  GtkLabel          *weight_hint;
  GtkLabel          *weight_error;

  AdwActionRow      *route_row;
  AdwComboRow       *mode_row;
  GtkWidget         *amount_row;
  GtkSpinButton     *amount_spin;
  GtkLabel          *amount_unit;
  GtkWidget         *bag_row;
  GtkSpinButton     *bag_spin;
  AdwActionRow      *concentration_row;
  GtkSpinButton     *concentration_spin;
  GtkWidget         *minutes_row;
  GtkSpinButton     *minutes_spin;
  GtkWidget         *result_box;
  GtkLabel          *result_mg;
  GtkLabel          *result_concentration;
  GtkLabel          *result_volume;
  GtkLabel          *result_volume_caption;
  GtkWidget         *result_rate_box;
  GtkLabel          *result_rate;
  GtkLabel          *working_label;
  GtkLabel          *dose_error;

  AdwActionRow      *given_row;
  GtkSpinButton     *given_spin;
  GtkWidget         *reason_row;
  AdwComboRow       *checker_row;
  GtkWidget         *lot_row;
  GtkLabel          *reason_hint;
  GtkLabel          *given_error;
  GtkLabel          *reason_error;
  GtkLabel          *lot_error;

  GtkWidget         *start_row;
  GtkEditable       *start_entry;
  GtkWidget         *end_row;
  GtkEditable       *end_entry;
  GtkLabel          *times_error;

  GtkWidget         *vitals_group;
  GtkLabel          *phase_label;
  GtkWidget         *vitals_entry_row;
  GtkSpinButton     *systolic_spin;
  GtkSpinButton     *diastolic_spin;
  GtkSpinButton     *heart_rate_spin;
  GtkSpinButton     *spo2_spin;
  GtkSpinButton     *respiratory_spin;
  GtkWidget         *record_vitals_button;
  GtkLabel          *vitals_error;
  GtkListBox        *vitals_list;
  TonicVitalsChart  *vitals_chart;

  AdwPreferencesGroup *side_effects_group;
  GtkBox            *scales_box;
  GtkLabel          *scores_error;
  AdwPreferencesGroup *rems_group;
  AdwPreferencesGroup *discharge_group;
  GtkLabel          *aldrete_label;
  GtkWidget         *ready_row;
  GtkEditable       *ready_entry;
  GtkWidget         *driver_name_row;
  GtkLabel          *discharge_error;
  GtkWidget         *note_frame;
  GtkTextView       *note_view;
  GtkLabel          *note_error;

  /* Rows made in code */
  GtkCheckButton    *side_effect_checks[TONIC_N_SIDE_EFFECTS];
  GtkWidget         *other_row;
  GtkWidget         *sae_row;
  GtkLabel          *side_effects_error;
  GtkCheckButton    *comedication_checks[TONIC_N_COMEDICATIONS];
  GtkWidget         *observation_row;
  GtkSpinButton     *observation_spin;
  GtkLabel          *rems_error;
  AdwComboRow       *aldrete_rows[TONIC_N_ALDRETE_ITEMS];
  GPtrArray         *scale_groups;  /* TonicScaleGroup */
  GtkStringList     *checker_names; /* "No one", then the staff */
  GArray            *checker_ids;   /* gint64 per name (0 for "No one") */

  TonicStore   *store;
  TonicStaff   *actor;
  GCancellable *cancellable;

  /* What is shown */
  TonicSession *session;   /* as last stored, read whole */
  TonicPlan    *plan;
  TonicPatient *patient;
  guint         n_loading;
  gboolean      editable;
  gboolean      needs_screen;

  /* The form's own values that are not in a widget as such */
  char         *checked_in_at;
  char         *started_at;
  char         *ended_at;
  char         *ready_at;
  char         *weight_measured_at;
  gboolean      weight_entered;   /* typed today: measured now */
  gboolean      given_follows;    /* the given dose follows the calculated one */
  TonicDoseResult result;
  gboolean      result_ok;

  /* Saving */
  gboolean      populating;
  gboolean      dirty;
  gboolean      saving;
  guint         save_source;
  GArray       *after_save;     /* AfterSave to run once stored */
  gboolean      recording_vitals;
  TonicVitalsReading pending_reading;
  TonicVitalsPhase   pending_phase;
  gboolean      signing;

  guint         timer_id;
  GtkWindow    *dialog;          /* weak */
  GtkTextView  *amendment_view;
  gboolean      left;            /* out of the window: saved already */
  gboolean      disposed;
};

static inline gboolean
_tonic_session_page_is_nasal (TonicSessionPage *self)
{
  return self->session != NULL && self->session->route == TONIC_ROUTE_NASAL;
}

static inline gboolean
_tonic_session_page_is_iv (TonicSessionPage *self)
{
  return self->session != NULL && self->session->route == TONIC_ROUTE_IV;
}

/* tonic-session-page.c */

/* Whether the actor may @action (or may under emergency access). */
gboolean      _tonic_session_page_allowed            (TonicSessionPage  *self,
                                                      TonicAction        action);
/* Marks the form changed; saved shortly after (or at once by save_now). */
void          _tonic_session_page_schedule_save      (TonicSessionPage  *self);
void          _tonic_session_page_save_now           (TonicSessionPage  *self);
/* Runs @after once the form's changes are stored (dropped when the save
 * is refused). */
void          _tonic_session_page_save_then          (TonicSessionPage  *self,
                                                      AfterSave          after);
/* A refusal from the store, as a toast. */
void          _tonic_session_page_toast              (TonicSessionPage  *self,
                                                      const char        *text);

/* tonic-session-page-form.c */

void          _tonic_session_page_class_init_form    (GtkWidgetClass    *widget_class);
/* Makes the rows built in code and connects the form (once, in init). */
void          _tonic_session_page_build_form         (TonicSessionPage  *self);
/* Fills the form from the session, plan and patient shown. */
void          _tonic_session_page_fill_form          (TonicSessionPage  *self);
/* The session as stored with the form's fields over it. (tonic_session_free()) */
TonicSession *_tonic_session_page_collect            (TonicSessionPage  *self);
void          _tonic_session_page_show_field_error   (TonicSessionPage  *self,
                                                      TonicSessionField  field,
                                                      const char        *message);
void          _tonic_session_page_clear_field_errors (TonicSessionPage  *self);
/* The people who may be named as the second check (when the actor may
 * list the staff). */
void          _tonic_session_page_load_colleagues    (TonicSessionPage  *self);
/* The due bar, and its half-minute timer. */
void          _tonic_session_page_update_due         (TonicSessionPage  *self);
void          _tonic_session_page_start_timer        (TonicSessionPage  *self);
void          _tonic_session_page_stop_timer         (TonicSessionPage  *self);

G_END_DECLS
