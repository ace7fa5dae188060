/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included by tonic-store.h: treatment plans (courses and their versions)
 * and documented sessions, with their vitals, scores and amendments.
 *
 * Permissions (tonic-permission.h): reading is CLINICAL_VIEW (clinician,
 * nurse; anyone under emergency access, audited with the flag); drafting
 * plans PLAN_EDIT and signing them PLAN_SIGN (clinician); documenting
 * sessions SESSION_RECORD (clinician, nurse); signing them and writing
 * amendments SESSION_SIGN (clinician); acknowledging a safety flag
 * SAFETY_ACKNOWLEDGE (clinician). Front desk and administrator get DENIED,
 * audited. Every change is audited in its own transaction with the patient
 * id and the object ("plan" / "session" and its id); details never carry
 * clinical content.
 *
 * Immutability is enforced by the database itself (triggers): a signed
 * plan version, a signed session, and the vitals and scores of a signed
 * session cannot be updated or deleted, and nothing can be added to a
 * signed session but amendments; amendments cannot be updated or deleted.
 * Raw SQL hits the same triggers.
 *
 * Derived patient fields (TonicPatientFields.course_phase, scale_due_on,
 * safety_alert) are recomputed in the same transaction whenever a plan is
 * signed, a course ended, a session signed, a score saved or a safety flag
 * acknowledged. */

G_BEGIN_DECLS

/* Practice settings (tonic_store_get_setting_async(), SETTINGS_MANAGE to
 * change) that new plans start from; unset, CLINICAL.md's values. A plan
 * keeps its own copy, changed per plan in the editor. The store refuses a
 * value that does not parse or that tonic_vitals_thresholds_check() /
 * TonicPlan's limits refuse (INVALID). */
#define TONIC_SETTING_PLAN_THRESHOLDS  "plan-vitals-thresholds"    /* tonic_vitals_thresholds_format() */
#define TONIC_SETTING_PLAN_WEIGHT_AGE  "plan-weight-max-age-days"  /* "1".."365" */
/* The > 20 % rule of doses (tonic-dose.h): the practice's limit, applied
 * to every session as it is read (TonicSession.change_limit_percent). */
#define TONIC_SETTING_DOSE_CHANGE_PERCENT "dose-change-percent"  /* "5".."100" */

/* -- Plans ------------------------------------------------------------------ */

/* CLINICAL_VIEW. Every version of every course of the patient: newest
 * course first, and within a course the newest version first. Statuses as
 * stored, except that a signed version followed by a later signed version
 * of its course is SUPERSEDED, and the last signed version of an ended
 * course is ENDED. A GPtrArray of TonicPlan. */
void        tonic_store_list_plans_async       (TonicStore          *self,
                                                gint64               patient_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *tonic_store_list_plans_finish      (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* CLINICAL_VIEW. One plan version by id (NOT_FOUND). */
void        tonic_store_get_plan_async         (TonicStore          *self,
                                                gint64               plan_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicPlan  *tonic_store_get_plan_finish        (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* CLINICAL_VIEW. The current signed version of the patient's newest course
 * that is not ended: what sessions follow. NULL (no error) when there is
 * none. */
void        tonic_store_get_active_plan_async  (TonicStore          *self,
                                                gint64               patient_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicPlan  *tonic_store_get_active_plan_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/**
 * tonic_store_save_plan_draft_async:
 *
 * PLAN_EDIT. Saves @plan as a draft, checked with tonic_plan_check()
 * (INVALID with its message otherwise):
 *  - @plan->id 0 and @plan->course_id 0: a new course and its version 1
 *    (audited "plan.create");
 *  - @plan->id 0 and a @plan->course_id: a new version of that course,
 *    numbered after its last one; refused (EXISTS) when the course already
 *    has a draft, INVALID when it has ended (audited "plan.revise");
 *  - @plan->id of a draft: replaces its fields (audited "plan.edit"); a
 *    signed version is refused (INVALID "signed plans cannot be changed:
 *    revise it to make a new version").
 * Ids, version, status and who/when fields in @plan are ignored. Returns the
 * saved draft as stored.
 */
void        tonic_store_save_plan_draft_async  (TonicStore          *self,
                                                const TonicPlan     *plan,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicPlan  *tonic_store_save_plan_draft_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* PLAN_EDIT. Deletes a draft version (never a signed one: INVALID).
 * Audited "plan.discard". */
void        tonic_store_discard_plan_draft_async  (TonicStore          *self,
                                                   gint64               plan_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    tonic_store_discard_plan_draft_finish (TonicStore          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* PLAN_SIGN. Signs draft @plan_id as the actor, now: checked with
 * tonic_plan_check() and tonic_plan_check_signable() against the stored
 * draft (INVALID with the message); sets changed_fields against the
 * course's previous signed version. From then on the version never
 * changes. Audited "plan.sign" (with "override" in the detail when a hard
 * screening item was overridden). Returns the signed version. */
void        tonic_store_sign_plan_async        (TonicStore          *self,
                                                gint64               plan_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicPlan  *tonic_store_sign_plan_finish       (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* PLAN_SIGN. Ends course @course_id (a reason is required: INVALID when
 * blank; INVALID when it has already ended). Its sessions stay; no new
 * session can start on it. A draft of it stays until discarded: it can no
 * longer be edited or signed. Audited "course.end". */
void        tonic_store_end_course_async       (TonicStore          *self,
                                                gint64               course_id,
                                                const char          *reason,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    tonic_store_end_course_finish      (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* -- Sessions ------------------------------------------------------------------ */

/* CLINICAL_VIEW. The patient's sessions, newest first, each read whole
 * (vitals, scores, amendments). A GPtrArray of TonicSession. */
void        tonic_store_list_sessions_async    (TonicStore          *self,
                                                gint64               patient_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *tonic_store_list_sessions_finish   (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* CLINICAL_VIEW. One session, whole (NOT_FOUND). Audited "session.open". */
void          tonic_store_open_session_async   (TonicStore          *self,
                                                gint64               session_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicSession *tonic_store_open_session_finish  (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/**
 * tonic_store_start_session_async:
 * @appointment_id: the appointment it documents, or 0
 *
 * SESSION_RECORD. The session of @appointment_id when there is one (a
 * draft, or signed once documented: then nothing is written); otherwise a new draft on the patient's active
 * plan (INVALID "There is no signed treatment plan…" without one), numbered
 * after the course's sessions, filled from the plan (route, dose mode and
 * dose, bag, concentration, infusion minutes), from the newest weight when
 * it is current for the plan (tonic_dose_weight_is_current()), and from the
 * appointment (check-in time = arrived time; driver and fasting as
 * confirmed at check-in). Audited "session.start". The appointment must be
 * the patient's (INVALID otherwise).
 */
void          tonic_store_start_session_async  (TonicStore          *self,
                                                gint64               patient_id,
                                                gint64               appointment_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicSession *tonic_store_start_session_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* SESSION_RECORD. Saves the session's own fields (not vitals, scores or
 * amendments) over draft @session->id, checked with
 * tonic_session_check_draft() (INVALID). calculated_mg, volume and rate
 * are recomputed by the store with tonic_dose_calculate() from the saved
 * inputs when they are complete. A signed session: INVALID. @checked_by
 * must be another active staff member (INVALID). When the weight differs
 * from the newest stored one, it is also added as a weight measurement.
 * Audited "session.edit". Returns the session whole. */
void          tonic_store_save_session_async   (TonicStore          *self,
                                                const TonicSession  *session,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicSession *tonic_store_save_session_finish  (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* SESSION_RECORD. Records a set of vitals in draft @session_id, taken at
 * @taken_at (UTC ISO-8601; NULL: now) in @phase. Checked with
 * tonic_vitals_reading_check() (INVALID). The minute is counted from the
 * session's start (negative before it; before a start is recorded, from
 * now), and the level and alert text come from tonic_vitals_evaluate()
 * with the plan's thresholds. Audited "vitals.record". */
void                tonic_store_add_vitals_async  (TonicStore               *self,
                                                   gint64                    session_id,
                                                   const char               *taken_at,
                                                   TonicVitalsPhase          phase,
                                                   const TonicVitalsReading *reading,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
TonicSessionVitals *tonic_store_add_vitals_finish (TonicStore               *self,
                                                   GAsyncResult             *result,
                                                   GError                  **error);

/* SESSION_RECORD. Acknowledges the alert of a vitals row of a draft
 * session with the action taken (not NONE; INVALID when the row has no
 * alert or is already acknowledged) and an optional note. Audited
 * "vitals.acknowledge" with the action. */
void                tonic_store_acknowledge_vitals_async  (TonicStore          *self,
                                                           gint64               vitals_id,
                                                           TonicVitalsAction    action,
                                                           const char          *note,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
TonicSessionVitals *tonic_store_acknowledge_vitals_finish (TonicStore          *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* SESSION_RECORD. Scores @answers for @instrument with
 * tonic_instrument_score() (INVALID with its message: the total is never
 * taken from the caller) and saves it in draft @session_id, replacing an
 * earlier score of the same instrument and timing in that session. Audited
 * "score.record" (the detail names the instrument, never the answers; a
 * safety flag adds "safety-flag"). */
void               tonic_store_save_score_async   (TonicStore          *self,
                                                   gint64               session_id,
                                                   TonicInstrument      instrument,
                                                   TonicScoreTiming     timing,
                                                   const int           *answers,
                                                   guint                n_answers,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TonicSessionScore *tonic_store_save_score_finish  (TonicStore          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* SAFETY_ACKNOWLEDGE. A clinician acknowledges the safety flag of score
 * @score_id with what was done (@text required: INVALID when blank;
 * INVALID when the score has no flag or is already acknowledged). Audited
 * "safety.acknowledge". */
void               tonic_store_acknowledge_safety_async  (TonicStore          *self,
                                                          gint64               score_id,
                                                          const char          *text,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
TonicSessionScore *tonic_store_acknowledge_safety_finish (TonicStore          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* SESSION_SIGN. Signs draft @session_id as the actor, now, after
 * tonic_session_check_signable() on the stored session with the plan's
 * maximum, the previous given dose and the patient's indications (INVALID
 * with the message). Audited "session.sign". Returns it whole. */
void          tonic_store_sign_session_async   (TonicStore          *self,
                                                gint64               session_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicSession *tonic_store_sign_session_finish  (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* SESSION_RECORD. Deletes a draft session with nothing signed in it (its
 * vitals and scores go with it). INVALID for a signed one, and while a
 * safety flag in it waits for a clinician's acknowledgement. Audited
 * "session.discard". */
void          tonic_store_discard_session_async  (TonicStore          *self,
                                                  gint64               session_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      tonic_store_discard_session_finish (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* SESSION_SIGN. Adds an amendment to signed session @session_id (INVALID
 * for a draft: edit it instead; INVALID for blank text or over
 * TONIC_SESSION_TEXT_MAX). Audited "session.amend". */
void            tonic_store_add_amendment_async  (TonicStore          *self,
                                                  gint64               session_id,
                                                  const char          *text,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
TonicAmendment *tonic_store_add_amendment_finish (TonicStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
