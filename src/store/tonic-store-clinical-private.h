/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the repositories of tonic-store-clinical.h (plans in
 * tonic-store-plans.c, sessions in tonic-store-sessions.c) and their
 * tests. Worker thread only; none of these check permissions or write
 * audit rows: the caller has done _tonic_store_require() and owns the
 * transaction. tonic-store-patients-private.h (included) has the clinical
 * read check, _tonic_store_require_clinical_read(), and
 * _tonic_store_record_emergency_read(). */

#include "tonic-store-patients-private.h"

G_BEGIN_DECLS

/**
 * _tonic_store_read_plan:
 * @db: the store's connection
 * @plan_id: a plan version's id
 * @plan: (out): the version, with the names of its creator and signer,
 *   and its status as tonic_store_list_plans_async() reports it: a signed
 *   version followed by a later signed version of its course is
 *   SUPERSEDED; the last signed version of an ended course is ENDED
 * @error: return location for a #GError
 *
 * Fails with TONIC_STORE_ERROR_NOT_FOUND when there is no such version.
 */
gboolean  _tonic_store_read_plan          (sqlite3     *db,
                                           gint64       plan_id,
                                           TonicPlan  **plan,
                                           GError     **error);

/**
 * _tonic_store_read_active_plan:
 * @db: the store's connection
 * @patient_id: the patient
 * @plan: (out) (nullable): the current signed version of the patient's
 *   newest course that is not ended (status SIGNED), or %NULL when there is
 *   none (which is not an error)
 * @error: return location for a #GError
 */
gboolean  _tonic_store_read_active_plan   (sqlite3     *db,
                                           gint64       patient_id,
                                           TonicPlan  **plan,
                                           GError     **error);

/**
 * _tonic_store_read_course:
 * @db: the store's connection
 * @course_id: a course's id
 * @patient_id: (out) (optional): whose course it is
 * @ended: (out) (optional): whether it has been ended
 * @error: return location for a #GError
 *
 * Fails with TONIC_STORE_ERROR_NOT_FOUND when there is no such course.
 */
gboolean  _tonic_store_read_course        (sqlite3     *db,
                                           gint64       course_id,
                                           gint64      *patient_id,
                                           gboolean    *ended,
                                           GError     **error);

/**
 * _tonic_store_refresh_patient_course:
 * @self: the store
 * @db: its connection, inside the caller's transaction
 * @patient_id: the patient
 * @error: return location for a #GError
 *
 * Recomputes the patient's derived course fields from the tables, in the
 * caller's transaction: patient.course_phase (tonic_course_get_phase() of
 * the active plan and the number of signed sessions of its course; with
 * no active plan, ENDED when a course of the patient with a signed version
 * has ended, else NONE), patient.scale_due_on
 * (tonic_course_get_scale_due_on() with the newest score date of the
 * plan's primary measure in that course, '' when none) and
 * patient.safety_alert (whether any score of the patient has a safety flag
 * that no one has acknowledged). Every score counts, a draft session's
 * too. Call it after signing a plan, ending a course, signing a session,
 * saving a score, acknowledging a safety flag and discarding a draft
 * session that had scores.
 */
gboolean  _tonic_store_refresh_patient_course (TonicStore  *self,
                                               sqlite3     *db,
                                               gint64       patient_id,
                                               GError     **error);

/* The clinical records the audit trail names. */
typedef enum
{
  TONIC_RECORD_COURSE,
  TONIC_RECORD_PLAN,
  TONIC_RECORD_SESSION,
} TonicRecordKind;

/* Appends an audit row about record @id of @kind (object type "course",
 * "plan" or "session"), naming it by its uuid: a discarded draft's row id
 * may be given to a later record (the schema uses no AUTOINCREMENT), its
 * uuid never is. Call it while the row still exists. */
gboolean  _tonic_store_append_record_audit   (TonicStore      *self,
                                               sqlite3         *db,
                                               gint64           actor_id,
                                               const char      *action,
                                               gint64           patient_id,
                                               TonicRecordKind  kind,
                                               gint64           id,
                                               const char      *detail,
                                               gboolean         emergency,
                                               GError         **error);

G_END_DECLS
