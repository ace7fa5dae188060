/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plans"

#include "config.h"

#include <string.h>

#include "patients-test-helpers.h"
#include "tonic-store-clinical-private.h"
#include "tonic-time.h"

/* Treatment plans through the store API: courses and their versions,
 * drafting, signing and who may, the checks before signing, revising,
 * superseding, ending a course, the database refusing any change to a
 * signed version (also from another connection), the patient's derived
 * course fields and the list's course filters, and the audit trail. */

#define CLINICIAN "cleo.clin"
#define NURSE     "nils.nurse"
#define DESK      "fran.desk"

#define CONSENT_DATE "2025-03-01"

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      patient_id;
  gint64      clinician_id;
} Fixture;

static const struct
{
  TonicRole   role;
  const char *username;
} members[] = {
  { TONIC_ROLE_ADMIN, STORE_TEST_ADMIN_USER },
  { TONIC_ROLE_CLINICIAN, CLINICIAN },
  { TONIC_ROLE_NURSE, NURSE },
  { TONIC_ROLE_FRONT_DESK, DESK },
};

/* A practice with one member of each role and a patient; the clinician is
 * signed in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (41);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);
  g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "true",
                                         &error));
  g_assert_no_error (error);

  for (guint i = 1; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(TonicStaff) member = NULL;

      member = store_test_add_staff (fixture->store, members[i].username, members[i].username,
                                     members[i].role, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
      g_assert_no_error (error);
      if (members[i].role == TONIC_ROLE_CLINICIAN)
        fixture->clinician_id = tonic_staff_get_id (member);
    }

  patients_test_sign_in_as (fixture->store, CLINICIAN);
  patient = patients_test_add (fixture->store, "Tomás Ødegaard", NULL, "1979-02-14", NULL);
  fixture->patient_id = tonic_patient_get_id (patient);
}

static void
close_store (Fixture *fixture)
{
  if (fixture->store == NULL)
    return;

  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_store (fixture);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static void
reopen_as (Fixture    *fixture,
           const char *username)
{
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;

  close_store (fixture);
  fixture->store = store_test_open (fixture->path, fixture->key, TONIC_STORE_OPEN_KEY_VERIFIED,
                                    &error);
  g_assert_no_error (error);
  actor = store_test_sign_in (fixture->store, username, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
}

/* -- Blocking wrappers ------------------------------------------------------------ */

static GPtrArray *
list_plans (TonicStore  *store,
            gint64       patient_id,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_plans_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_list_plans_finish (store, store_test_wait_for (&result), error);
}

static TonicPlan *
get_plan (TonicStore  *store,
          gint64       plan_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_plan_async (store, plan_id, NULL, store_test_on_ready, &result);

  return tonic_store_get_plan_finish (store, store_test_wait_for (&result), error);
}

static TonicPlan *
get_active_plan (TonicStore  *store,
                 gint64       patient_id,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_active_plan_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_get_active_plan_finish (store, store_test_wait_for (&result), error);
}

static TonicPlan *
save_draft (TonicStore       *store,
            const TonicPlan  *plan,
            GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_save_plan_draft_async (store, plan, NULL, store_test_on_ready, &result);

  return tonic_store_save_plan_draft_finish (store, store_test_wait_for (&result), error);
}

static gboolean
discard_draft (TonicStore  *store,
               gint64       plan_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_discard_plan_draft_async (store, plan_id, NULL, store_test_on_ready, &result);

  return tonic_store_discard_plan_draft_finish (store, store_test_wait_for (&result), error);
}

static TonicPlan *
sign_plan (TonicStore  *store,
           gint64       plan_id,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_sign_plan_async (store, plan_id, NULL, store_test_on_ready, &result);

  return tonic_store_sign_plan_finish (store, store_test_wait_for (&result), error);
}

static gboolean
end_course (TonicStore  *store,
            gint64       course_id,
            const char  *reason,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_end_course_async (store, course_id, reason, NULL, store_test_on_ready, &result);

  return tonic_store_end_course_finish (store, store_test_wait_for (&result), error);
}

static gboolean
refresh_txn (sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  GTask *task = user_data;
  gint64 *patient_id = g_task_get_task_data (task);

  return _tonic_store_refresh_patient_course (g_task_get_source_object (task), db, *patient_id,
                                              error);
}

static void
refresh_job (TonicStore *self,
             sqlite3    *db,
             GTask      *task,
             gpointer    data)
{
  g_autoptr(GError) error = NULL;

  if (!_tonic_store_transaction (db, refresh_txn, task, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Recomputes the patient's course fields on the worker, as the session
 * repository does after changing scores or sessions. */
static void
refresh_course (Fixture *fixture,
                gint64   patient_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  _tonic_store_run_async (fixture->store, refresh_job, g_memdup2 (&patient_id, sizeof patient_id),
                          g_free, refresh_course, NULL, store_test_on_ready, &result);
  store_test_wait_for (&result);
  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);
}

/* -- Helpers --------------------------------------------------------------------- */

/* Replaces a text field of a plan. */
static void
set_text (char       **field,
          const char  *text)
{
  g_free (*field);
  *field = g_strdup (text);
}

/* An IV depression plan for @patient_id that can be signed: every screening
 * item answered well, consent on file. */
static TonicPlan *
signable_plan (gint64 patient_id)
{
  TonicPlan *plan = tonic_plan_new_from_protocol (TONIC_PROTOCOL_IV_DEPRESSION,
                                                  TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);

  plan->patient_id = patient_id;
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    plan->screening[i] = tonic_screen_item_is_requirement (i) ? TONIC_SCREEN_ANSWER_YES
                                                              : TONIC_SCREEN_ANSWER_NO;
  plan->consent_date = g_strdup (CONSENT_DATE);
  plan->goals = g_strdup ("Fewer days in bed; back to part-time work — “travail à mi-temps”");

  return plan;
}

static TonicPlan *
create_draft (Fixture   *fixture,
              TonicPlan *plan)
{
  g_autoptr(GError) error = NULL;
  TonicPlan *saved = save_draft (fixture->store, plan, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (saved->status, ==, TONIC_PLAN_STATUS_DRAFT);

  return saved;
}

static TonicPlan *
sign (Fixture *fixture,
      gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  TonicPlan *signed_plan = sign_plan (fixture->store, plan_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signed_plan);
  g_assert_cmpint (signed_plan->status, ==, TONIC_PLAN_STATUS_SIGNED);

  return signed_plan;
}

/* A signed version 1 of a new course for @patient_id. */
static TonicPlan *
create_signed (Fixture *fixture,
               gint64   patient_id)
{
  g_autoptr(TonicPlan) plan = signable_plan (patient_id);
  g_autoptr(TonicPlan) draft = create_draft (fixture, plan);

  return sign (fixture, draft->id);
}

static char *
query (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = store_test_query (fixture->store, sql, &error);

  g_assert_no_error (error);

  return value;
}

static void
run_sql (Fixture    *fixture,
         const char *sql)
{
  g_autofree char *value = query (fixture, sql);
}

static guint
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autofree char *value = query (fixture, sql);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

/* The detail of the newest audit row of @action with outcome ok, and its
 * patient id and object. */
static char *
last_audit (Fixture    *fixture,
            const char *action,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit_log WHERE action_name = '%s'"
                                          " AND outcome = 'ok' ORDER BY sequence DESC LIMIT 1",
                                          column, action);

  return query (fixture, sql);
}

/* The uuid of row @id of @table ("plan" or "course"): the trail names
 * clinical records by it. */
static char *
record_uuid (Fixture    *fixture,
             const char *table,
             gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          table, id);

  return query (fixture, sql);
}

static void
assert_last_audit_of (Fixture    *fixture,
                      const char *action,
                      gint64      patient_id,
                      const char *object_type,
                      const char *object_uuid,
                      const char *detail)
{
  g_autofree char *patient = last_audit (fixture, action, "patient_id");
  g_autofree char *type = last_audit (fixture, action, "object_type");
  g_autofree char *object = last_audit (fixture, action, "object_id");
  g_autofree char *logged_detail = last_audit (fixture, action, "coalesce(detail, '')");
  g_autofree char *by = last_audit (fixture, action, "staff_id");
  g_autofree char *expected_patient = g_strdup_printf ("%" G_GINT64_FORMAT, patient_id);
  g_autofree char *expected_by = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->clinician_id);

  g_assert_cmpstr (patient, ==, expected_patient);
  g_assert_cmpstr (type, ==, object_type);
  g_assert_true (g_uuid_string_is_valid (object_uuid));
  g_assert_cmpstr (object, ==, object_uuid);
  g_assert_cmpstr (by, ==, expected_by);
  if (detail != NULL)
    g_assert_cmpstr (logged_detail, ==, detail);
}

/* The newest @action row names record @object_id of @object_type by its
 * uuid, and the patient, the clinician and @detail. */
static void
assert_last_audit (Fixture    *fixture,
                   const char *action,
                   gint64      patient_id,
                   const char *object_type,
                   gint64      object_id,
                   const char *detail)
{
  g_autofree char *uuid = record_uuid (fixture, object_type, object_id);

  assert_last_audit_of (fixture, action, patient_id, object_type, uuid, detail);
}

static char *
local_today (int days)
{
  GDate date;

  tonic_date_set_today (&date);
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);

  return tonic_date_format_iso (&date);
}

static TonicPatient *
open_patient (Fixture *fixture,
              gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  TonicPatient *patient = patients_test_open_patient (fixture->store, patient_id, &error);

  g_assert_no_error (error);

  return patient;
}

/* -- Drafting and signing ------------------------------------------------------------ */

static void
test_create_edit_sign (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = signable_plan (fixture->patient_id);
  g_autoptr(TonicPlan) draft = NULL;
  g_autoptr(TonicPlan) edited = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicPlan) read = NULL;
  g_autoptr(TonicPlan) active = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = local_today (0);
  g_autofree char *detail = NULL;

  set_text (&plan->goals, "  Sleep through the night  ");
  plan->thresholds.heart_rate_above = 120;
  plan->vitals_schedule.during_every = 10;
  plan->measures |= TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_GAD7);

  draft = create_draft (fixture, plan);
  g_assert_cmpint (draft->id, >, 0);
  g_assert_cmpint (draft->course_id, >, 0);
  g_assert_cmpint (draft->patient_id, ==, fixture->patient_id);
  g_assert_cmpint (draft->version, ==, 1);
  g_assert_cmpint (draft->created_by, ==, fixture->clinician_id);
  g_assert_cmpstr (draft->created_by_name, ==, CLINICIAN);
  g_assert_nonnull (draft->created_at);
  g_assert_null (draft->signed_at);
  g_assert_cmpint (draft->signed_by, ==, 0);
  /* Everything the form wrote comes back, texts trimmed. */
  g_assert_cmpstr (draft->goals, ==, "Sleep through the night");
  set_text (&plan->goals, "Sleep through the night");
  g_assert_cmpuint (tonic_plan_diff (plan, draft), ==, 0);
  g_assert_cmpint (draft->thresholds.heart_rate_above, ==, 120);
  g_assert_cmpint (draft->vitals_schedule.during_every, ==, 10);
  g_assert_true (draft->measures & TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_GAD7));
  g_assert_cmpstr (draft->consent_date, ==, CONSENT_DATE);
  assert_last_audit (fixture, "plan.create", fixture->patient_id, "plan", draft->id, "");
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM course"), ==, 1);

  /* A draft has no active plan yet, and gives the patient no phase. */
  active = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_null (active);

  /* Editing the draft replaces its fields. */
  draft->dose = 0.6;
  draft->infusion_minutes = 45;
  edited = save_draft (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (edited->id, ==, draft->id);
  g_assert_cmpint (edited->version, ==, 1);
  g_assert_cmpfloat (edited->dose, ==, 0.6);
  g_assert_cmpint (edited->infusion_minutes, ==, 45);
  assert_last_audit (fixture, "plan.edit", fixture->patient_id, "plan", draft->id,
                     "dose, infusion-minutes");
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM plan"), ==, 1);

  /* Saving it unchanged writes nothing. */
  g_clear_pointer (&read, tonic_plan_free);
  read = save_draft (fixture->store, edited, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.edit", "ok", 0), ==, 1);

  signed_plan = sign (fixture, draft->id);
  g_assert_cmpint (signed_plan->id, ==, draft->id);
  g_assert_cmpint (signed_plan->signed_by, ==, fixture->clinician_id);
  g_assert_cmpstr (signed_plan->signed_by_name, ==, CLINICIAN);
  g_assert_nonnull (signed_plan->signed_at);
  g_assert_cmpuint (signed_plan->changed_fields, ==, 0);
  assert_last_audit (fixture, "plan.sign", fixture->patient_id, "plan", draft->id, "version 1");

  g_clear_pointer (&read, tonic_plan_free);
  read = get_plan (fixture->store, draft->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->status, ==, TONIC_PLAN_STATUS_SIGNED);
  g_assert_cmpuint (tonic_plan_diff (signed_plan, read), ==, 0);
  g_assert_cmpstr (read->signed_at, ==, signed_plan->signed_at);

  active = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (active);
  g_assert_cmpint (active->id, ==, draft->id);

  /* The patient is in induction, the PHQ-9 due from the day of signing. */
  patient = open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_INDUCTION);
  g_assert_cmpstr (tonic_patient_get_scale_due_on (patient), ==, today);
  g_assert_false (tonic_patient_get_safety_alert (patient));
  g_assert_false (tonic_patient_is_scale_overdue (patient, NULL));

  /* Not found. */
  g_clear_pointer (&read, tonic_plan_free);
  read = get_plan (fixture->store, draft->id + 100, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);

  detail = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (detail, "Sleep"));
}

static void
test_invalid_drafts (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = signable_plan (fixture->patient_id);
  g_autoptr(TonicPlan) saved = NULL;
  g_autoptr(TonicPatient) archived = NULL;
  g_autoptr(GError) error = NULL;

  /* What tonic_plan_check() refuses is refused, with its message. */
  plan->measures = 0;
  saved = save_draft (fixture->store, plan, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (saved);
  g_clear_error (&error);

  plan->measures = TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_PHQ9);
  plan->induction_count = TONIC_PLAN_INDUCTION_MAX + 1;
  saved = save_draft (fixture->store, plan, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  plan->induction_count = 6;

  /* No such patient, no such course. */
  plan->patient_id = fixture->patient_id + 100;
  saved = save_draft (fixture->store, plan, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  plan->patient_id = 0;
  plan->course_id = 4242;
  saved = save_draft (fixture->store, plan, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An archived patient gets no new plan. */
  plan->course_id = 0;
  plan->patient_id = fixture->patient_id;
  archived = patients_test_set_patient_archived (fixture->store, fixture->patient_id, TRUE,
                                                 &error);
  g_assert_no_error (error);
  saved = save_draft (fixture->store, plan, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM plan"), ==, 0);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM course"), ==, 0);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.create", "ok", 0), ==, 0);
}

static void
test_sign_denied (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = signable_plan (fixture->patient_id);
  g_autoptr(TonicPlan) draft = create_draft (fixture, plan);
  const char *others[] = { NURSE, DESK, STORE_TEST_ADMIN_USER };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(TonicPlan) signed_plan = NULL;
      g_autoptr(TonicPlan) saved = NULL;
      g_autoptr(GError) error = NULL;

      patients_test_sign_in_as (fixture->store, others[i]);

      signed_plan = sign_plan (fixture->store, draft->id, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (signed_plan);
      g_clear_error (&error);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", "denied", 0), ==,
                        2 * i + 1);

      /* Ending a course is the signer's (its refusal is named after
       * PLAN_SIGN). */
      g_assert_false (end_course (fixture->store, draft->course_id, "Moved away", &error));
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", "denied", 0), ==,
                        2 * i + 2);

      /* Writing plans is the clinician's too. */
      saved = save_draft (fixture->store, draft, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_false (discard_draft (fixture->store, draft->id, &error));
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.edit", "denied", 0), ==,
                        2 * (i + 1));
    }

  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", "denied", 0), ==, 6);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", "ok", 0), ==, 0);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "course.end", NULL, 0), ==, 0);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM plan WHERE status = 'draft'"),
                    ==, 1);
  g_assert_cmpuint (count_rows (fixture, "SELECT count(*) FROM course WHERE ended_at IS NULL"),
                    ==, 1);
}

static void
test_read_permissions (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TonicPlan) signed_plan = create_signed (fixture, fixture->patient_id);
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  /* The nurse reads plans. */
  patients_test_sign_in_as (fixture->store, NURSE);
  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* The front desk and the administrator do not. */
  patients_test_sign_in_as (fixture->store, DESK);
  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (plans);
  g_clear_error (&error);
  plan = get_plan (fixture->store, signed_plan->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  plan = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.view", "denied", 0), ==,
                    3);

  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Under emergency access the front desk reads them, each read audited
   * with the flag and the patient. */
  patients_test_sign_in_as (fixture->store, DESK);
  g_assert_true (store_test_begin_emergency (fixture->store, "Paramedics ask for the dose",
                                             &error));
  g_assert_no_error (error);
  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  plan = get_plan (fixture->store, signed_plan->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->id, ==, signed_plan->id);
  g_clear_pointer (&plan, tonic_plan_free);
  plan = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->id, ==, signed_plan->id);

  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action_name = 'clinical.view'"
                         " AND outcome = 'ok' AND emergency = 1 AND patient_id = %"
                         G_GINT64_FORMAT " AND detail IN ('plans', 'plan', 'active plan')",
                         fixture->patient_id);
  g_assert_cmpuint (count_rows (fixture, sql), ==, 3);

  /* Writing stays refused under emergency access. */
  g_clear_pointer (&plan, tonic_plan_free);
  plan = sign_plan (fixture->store, signed_plan->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
}

static void
assert_sign_invalid (Fixture    *fixture,
                     TonicPlan  *draft,
                     const char *message_part)
{
  g_autoptr(TonicPlan) saved = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicPlan) read = NULL;
  g_autoptr(GError) error = NULL;
  guint n_audit = store_test_count_audit (fixture->store, NULL, NULL, 0);

  saved = save_draft (fixture->store, draft, &error);
  g_assert_no_error (error);
  n_audit = store_test_count_audit (fixture->store, NULL, NULL, 0);

  signed_plan = sign_plan (fixture->store, draft->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (signed_plan);

  /* Nothing changed. */
  read = get_plan (fixture->store, draft->id, NULL);
  g_assert_cmpint (read->status, ==, TONIC_PLAN_STATUS_DRAFT);
  g_assert_null (read->signed_at);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, n_audit);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", NULL, 0), ==, 0);
}

static void
test_sign_checks (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = signable_plan (fixture->patient_id);
  g_autoptr(TonicPlan) draft = create_draft (fixture, plan);
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autofree char *detail = NULL;

  /* No consent date. */
  g_clear_pointer (&draft->consent_date, g_free);
  assert_sign_invalid (fixture, draft, "consent");
  draft->consent_date = g_strdup (CONSENT_DATE);

  /* A hard item unanswered. */
  draft->screening[TONIC_SCREEN_PREGNANCY] = TONIC_SCREEN_ANSWER_UNANSWERED;
  assert_sign_invalid (fixture, draft, "");

  /* A hard item answered badly, without an override reason. */
  draft->screening[TONIC_SCREEN_PREGNANCY] = TONIC_SCREEN_ANSWER_NO;
  draft->screening[TONIC_SCREEN_HYPERTENSION_OR_HEART] = TONIC_SCREEN_ANSWER_YES;
  assert_sign_invalid (fixture, draft, "");

  /* With one, it is signed, and the trail says an item was overridden
   * (never which, nor why). */
  draft->override_reason = g_strdup ("Controlled on amlodipine; cardiology agrees");
  g_clear_pointer (&plan, tonic_plan_free);
  plan = save_draft (fixture->store, draft, NULL);
  signed_plan = sign (fixture, draft->id);
  g_assert_cmpstr (signed_plan->override_reason, ==, draft->override_reason);
  assert_last_audit (fixture, "plan.sign", fixture->patient_id, "plan", draft->id,
                     "version 1, override");

  detail = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (detail, "amlodipine"));
  g_assert_null (strstr (detail, "hypertension"));

  /* A signed version is not signed again. */
  g_clear_pointer (&signed_plan, tonic_plan_free);
  {
    g_autoptr(GError) error = NULL;

    signed_plan = sign_plan (fixture->store, draft->id, &error);
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  }
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.sign", "ok", 0), ==, 1);

  patient = open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_INDUCTION);
}

/* -- Versions ------------------------------------------------------------------------ */

static void
test_revise (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TonicPlan) v1 = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPlan) revision = tonic_plan_copy (v1);
  g_autoptr(TonicPlan) v2 = NULL;
  g_autoptr(TonicPlan) again = NULL;
  g_autoptr(TonicPlan) v2_signed = NULL;
  g_autoptr(TonicPlan) active = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  TonicPlan *listed;

  /* Editing a signed version is refused: revise it. */
  v1->dose = 0.7;
  again = save_draft (fixture->store, v1, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Signed plans cannot be changed: revise it to make a new version");
  g_clear_error (&error);

  revision->id = 0;
  revision->patient_id = 0;
  revision->dose = 0.75;
  revision->titration_max = 1.0;
  revision->maintenance_max_weeks = 4;
  set_text (&revision->goals, "Back to full-time work");
  revision->change_note = g_strdup ("Partial response at 0.5 mg/kg");
  v2 = create_draft (fixture, revision);
  g_assert_cmpint (v2->course_id, ==, v1->course_id);
  g_assert_cmpint (v2->patient_id, ==, fixture->patient_id);
  g_assert_cmpint (v2->version, ==, 2);
  g_assert_cmpstr (v2->change_note, ==, "Partial response at 0.5 mg/kg");
  assert_last_audit (fixture, "plan.revise", fixture->patient_id, "plan", v2->id, "version 2");

  /* One draft per course. */
  again = save_draft (fixture->store, revision, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_assert_null (again);
  g_clear_error (&error);

  /* v1 still leads the course until v2 is signed. */
  active = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (active->id, ==, v1->id);
  g_clear_pointer (&active, tonic_plan_free);

  v2_signed = sign (fixture, v2->id);
  g_assert_cmpuint (v2_signed->changed_fields, ==,
                    (1u << TONIC_PLAN_FIELD_DOSE) | (1u << TONIC_PLAN_FIELD_MAINTENANCE) |
                    (1u << TONIC_PLAN_FIELD_GOALS));
  assert_last_audit (fixture, "plan.sign", fixture->patient_id, "plan", v2->id, "version 2");

  active = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (active->id, ==, v2->id);

  /* Every version kept, newest first; v1 superseded. */
  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 2);
  listed = g_ptr_array_index (plans, 0);
  g_assert_cmpint (listed->id, ==, v2->id);
  g_assert_cmpint (listed->status, ==, TONIC_PLAN_STATUS_SIGNED);
  listed = g_ptr_array_index (plans, 1);
  g_assert_cmpint (listed->id, ==, v1->id);
  g_assert_cmpint (listed->status, ==, TONIC_PLAN_STATUS_SUPERSEDED);
  g_assert_cmpfloat (listed->dose, ==, 0.5);
  g_assert_cmpuint (listed->changed_fields, ==, 0);
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TonicPlan) v1 = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPlan) revision = tonic_plan_copy (v1);
  g_autoptr(TonicPlan) v2 = NULL;
  g_autoptr(TonicPlan) v2_again = NULL;
  g_autoptr(TonicPlan) gone = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *v2_uuid = NULL;

  revision->id = 0;
  revision->dose = 0.6;
  v2 = create_draft (fixture, revision);
  v2_uuid = record_uuid (fixture, "plan", v2->id);

  g_assert_true (discard_draft (fixture->store, v2->id, &error));
  g_assert_no_error (error);
  assert_last_audit_of (fixture, "plan.discard", fixture->patient_id, "plan", v2_uuid, "");
  gone = get_plan (fixture->store, v2->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A signed version stays. */
  g_assert_false (discard_draft (fixture->store, v1->id, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);

  /* The course can be revised again after the discard. */
  v2_again = create_draft (fixture, revision);
  g_assert_cmpint (v2_again->version, ==, 2);
  /* Its row id may be the discarded draft's; the trail's name for it is
   * not. */
  {
    g_autofree char *again_uuid = record_uuid (fixture, "plan", v2_again->id);

    g_assert_cmpstr (again_uuid, !=, v2_uuid);
  }
  g_assert_cmpuint (store_test_count_audit (fixture->store, "plan.discard", "ok", 0), ==, 1);
}

static void
test_signed_immutable (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TonicPlan) v1 = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPlan) revision = tonic_plan_copy (v1);
  g_autoptr(TonicPlan) draft = NULL;
  g_autoptr(TonicPlan) read = NULL;
  g_autofree char *update = NULL;
  g_autofree char *sign_draft = NULL;
  g_autofree char *update_draft = NULL;
  g_autofree char *delete = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  revision->id = 0;
  draft = create_draft (fixture, revision);

  update = g_strdup_printf ("UPDATE plan SET dose = 5 WHERE id = %" G_GINT64_FORMAT, v1->id);
  delete = g_strdup_printf ("DELETE FROM plan WHERE id = %" G_GINT64_FORMAT, v1->id);
  update_draft = g_strdup_printf ("UPDATE plan SET goals = 'edited by hand' WHERE id = %"
                                  G_GINT64_FORMAT, draft->id);

  /* Through the store's own connection... */
  store_test_assert_query_error (fixture->store, update, TONIC_STORE_ERROR,
                                 TONIC_STORE_ERROR_INVALID);
  store_test_assert_query_error (fixture->store, delete, TONIC_STORE_ERROR,
                                 TONIC_STORE_ERROR_INVALID);
  store_test_assert_query_error (fixture->store, "UPDATE plan SET status = 'draft'",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  store_test_assert_query_error (fixture->store, "DELETE FROM plan", TONIC_STORE_ERROR,
                                 TONIC_STORE_ERROR_INVALID);
  /* ... a second draft in a course ... */
  store_test_assert_query_error (fixture->store,
                                 "INSERT INTO plan SELECT id + 10, uuid || 'x', patient_id,"
                                 " course_id, version + 1, status, protocol, indications,"
                                 " measures, induction_count, induction_weeks,"
                                 " maintenance_min_weeks, maintenance_max_weeks, route,"
                                 " dose_mode, dose, titration_min, titration_max, max_dose_mg,"
                                 " infusion_minutes, bag_ml, concentration_mg_per_ml,"
                                 " weight_max_age_days, vitals_schedule, thresholds, screening,"
                                 " override_reason, consent_date, goals, change_note,"
                                 " changed_fields, created_at, created_by, signed_at, signed_by"
                                 " FROM plan WHERE status = 'draft'",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  /* ... and signed without a signer. */
  store_test_assert_query_error (fixture->store, "UPDATE plan SET status = 'signed'"
                                 " WHERE status = 'draft'",
                                 TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);

  close_store (fixture);
  before = store_test_checksum (fixture->path);

  /* ... and any other, with the triggers' own words. */
  db = store_test_raw_open (fixture->path, fixture->key);
  store_test_raw_refused (db, update, "a signed plan cannot be changed");
  store_test_raw_refused (db, delete, "a signed plan cannot be deleted");
  store_test_raw_refused (db, "UPDATE plan SET signed_by = NULL",
                          "a signed plan cannot be changed");
  store_test_raw_refused (db, "DELETE FROM course", "courses are never deleted");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  {
    g_autofree char *after = store_test_checksum (fixture->path);

    g_assert_cmpstr (after, ==, before);
  }

  /* A draft is the store's to change: by hand too (the triggers guard
   * signed versions only). */
  db = store_test_raw_open (fixture->path, fixture->key);
  store_test_raw_exec (db, update_draft);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  reopen_as (fixture, CLINICIAN);
  read = get_plan (fixture->store, v1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tonic_plan_diff (v1, read), ==, 0);
  g_assert_cmpint (read->status, ==, TONIC_PLAN_STATUS_SIGNED);
  g_clear_pointer (&read, tonic_plan_free);
  read = get_plan (fixture->store, draft->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->goals, ==, "edited by hand");

  /* Once signed, the draft is as final. */
  g_clear_pointer (&read, tonic_plan_free);
  read = sign (fixture, draft->id);
  sign_draft = g_strdup_printf ("UPDATE plan SET goals = 'again' WHERE id = %" G_GINT64_FORMAT,
                                draft->id);
  store_test_assert_query_error (fixture->store, sign_draft, TONIC_STORE_ERROR,
                                 TONIC_STORE_ERROR_INVALID);
}

/* -- Ending a course ----------------------------------------------------------------- */

static void
test_end_course (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TonicPlan) v1 = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPlan) revision = tonic_plan_copy (v1);
  g_autoptr(TonicPlan) draft = NULL;
  g_autoptr(TonicPlan) refused = NULL;
  g_autoptr(TonicPlan) active = NULL;
  g_autoptr(TonicPlan) next = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *update_course = NULL;
  g_autofree char *dump = NULL;
  sqlite3 *db;

  revision->id = 0;
  revision->dose = 0.6;
  draft = create_draft (fixture, revision);

  /* A reason is required, and bounded. */
  g_assert_false (end_course (fixture->store, v1->course_id, "   ", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (end_course (fixture->store, v1->course_id, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  reason = g_strnfill (TONIC_PLAN_TEXT_MAX + 1, 'x');
  g_assert_false (end_course (fixture->store, v1->course_id, reason, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (end_course (fixture->store, 9999, "Remission", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "course.end", NULL, 0), ==, 0);

  g_assert_true (end_course (fixture->store, v1->course_id, " Sustained remission ", &error));
  g_assert_no_error (error);
  assert_last_audit (fixture, "course.end", fixture->patient_id, "course", v1->course_id, "");
  store_test_assert_query (fixture->store, "SELECT end_reason FROM course",
                           "Sustained remission");
  dump = store_test_dump_audit (fixture->store);
  g_assert_null (strstr (dump, "remission"));

  active = get_active_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_null (active);

  plans = list_plans (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 2);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 1))->status, ==,
                   TONIC_PLAN_STATUS_ENDED);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 0))->status, ==,
                   TONIC_PLAN_STATUS_DRAFT);

  /* Nothing more happens in an ended course: no revision, no signing or
   * editing of its draft, no second end. Its draft may go. */
  refused = save_draft (fixture->store, revision, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = save_draft (fixture->store, draft, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  refused = sign_plan (fixture->store, draft->id, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (discard_draft (fixture->store, draft->id, &error));
  g_assert_no_error (error);
  refused = save_draft (fixture->store, revision, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (refused);
  g_assert_false (end_course (fixture->store, v1->course_id, "Again", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  patient = open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_ENDED);
  g_assert_cmpstr (tonic_patient_get_scale_due_on (patient), ==, "");
  g_clear_object (&patient);

  /* The database keeps the end as it is. */
  update_course = g_strdup_printf ("UPDATE course SET ended_at = NULL WHERE id = %"
                                   G_GINT64_FORMAT, v1->course_id);
  close_store (fixture);
  db = store_test_raw_open (fixture->path, fixture->key);
  store_test_raw_refused (db, update_course, "an ended course cannot be changed");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  reopen_as (fixture, CLINICIAN);

  /* A new course starts over. */
  next = create_signed (fixture, fixture->patient_id);
  g_assert_cmpint (next->course_id, !=, v1->course_id);
  g_assert_cmpint (next->version, ==, 1);
  patient = open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_INDUCTION);
}

/* -- The patient's course fields ------------------------------------------------------ */

/* Adds session @number of @plan's course with a PHQ-9 score taken @days_ago
 * (safety flag @safety), signed unless @draft. */
static gint64
add_session (Fixture         *fixture,
             const TonicPlan *plan,
             int              number,
             int              days_ago,
             const char      *safety,
             gboolean         draft)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *at = tonic_time_format_utc (then);
  g_autofree char *insert_session = NULL;
  g_autofree char *insert_score = NULL;
  g_autofree char *sign_session = NULL;
  g_autofree char *id = NULL;

  insert_session = g_strdup_printf ("INSERT INTO session (uuid, patient_id, course_id, plan_id,"
                                    " status, number, route, dose_mode, created_at, updated_at)"
                                    " VALUES ('%" G_GINT64_FORMAT "-%d', %" G_GINT64_FORMAT
                                    ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'draft', %d,"
                                    " 'iv', 'per-kg', '%s', '%s')",
                                    plan->course_id, number, plan->patient_id, plan->course_id,
                                    plan->id, number, at, at);
  run_sql (fixture, insert_session);
  id = query (fixture, "SELECT max(id) FROM session");

  insert_score = g_strdup_printf ("INSERT INTO session_score (session_id, patient_id, course_id,"
                                  " instrument, timing, answers, total, safety, scored_at)"
                                  " VALUES (%s, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                                  " '%s', 'pre', '1,1,1,1,1,1,1,1,1', 9, '%s', '%s')",
                                  id, plan->patient_id, plan->course_id,
                                  tonic_instrument_to_string (TONIC_INSTRUMENT_PHQ9), safety, at);
  run_sql (fixture, insert_score);

  if (!draft)
    {
      sign_session = g_strdup_printf ("UPDATE session SET status = 'signed', signed_at = '%s',"
                                      " signed_by = %" G_GINT64_FORMAT " WHERE id = %s",
                                      at, fixture->clinician_id, id);
      run_sql (fixture, sign_session);
    }

  refresh_course (fixture, plan->patient_id);

  return g_ascii_strtoll (id, NULL, 10);
}

/* The local date of now minus @days_ago, plus @days. */
static char *
due_after (int days_ago,
           int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autoptr(GDateTime) local = g_date_time_to_local (then);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_add_days (&date, days);

  return tonic_date_format_iso (&date);
}

static void
assert_course_fields (Fixture          *fixture,
                      gint64            patient_id,
                      TonicCoursePhase  phase,
                      const char       *due_on,
                      gboolean          alert)
{
  g_autoptr(TonicPatient) patient = open_patient (fixture, patient_id);
  int property_phase = -1;
  g_autofree char *property_due = NULL;
  gboolean property_alert = !alert;

  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, phase);
  g_assert_cmpstr (tonic_patient_get_scale_due_on (patient), ==, due_on);
  g_assert_cmpint (tonic_patient_get_safety_alert (patient), ==, alert);

  g_object_get (patient, "course-phase", &property_phase, "scale-due-on", &property_due,
                "safety-alert", &property_alert, NULL);
  g_assert_cmpint (property_phase, ==, phase);
  g_assert_cmpstr (property_due, ==, due_on);
  g_assert_cmpint (property_alert, ==, alert);
}

static void
test_course_fields (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TonicPlan) plan = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPatient) patient = NULL;
  g_autofree char *today = local_today (0);
  g_autofree char *due = NULL;
  g_autofree char *acknowledge = NULL;
  g_autofree char *tomorrow_text = local_today (1);
  GDate tomorrow;
  gint64 flagged;

  g_assert_cmpint (plan->induction_count, ==, 6);
  g_assert_cmpint (plan->maintenance_max_weeks, ==, 6);
  g_assert_true (tonic_date_parse_iso (tomorrow_text, &tomorrow));

  /* Due the day the plan was signed, so overdue from tomorrow. */
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_INDUCTION, today, FALSE);
  patient = open_patient (fixture, fixture->patient_id);
  g_assert_false (tonic_patient_is_scale_overdue (patient, NULL));
  g_assert_true (tonic_patient_is_scale_overdue (patient, &tomorrow));
  g_clear_object (&patient);

  /* In induction, weekly after the newest PHQ-9. */
  add_session (fixture, plan, 1, 20, "none", FALSE);
  add_session (fixture, plan, 2, 10, "none", FALSE);
  due = due_after (10, 7);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_INDUCTION, due, FALSE);
  patient = open_patient (fixture, fixture->patient_id);
  g_assert_true (tonic_patient_is_scale_overdue (patient, NULL));
  g_clear_object (&patient);

  /* A safety flag nobody acknowledged, in a draft session: an alert. The
   * draft does not count as a session given, but its score was taken. */
  flagged = add_session (fixture, plan, 3, 2, "phq9-item9", TRUE);
  g_clear_pointer (&due, g_free);
  due = due_after (2, 7);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_INDUCTION, due, TRUE);

  acknowledge = g_strdup_printf ("UPDATE session_score SET acknowledged_by = %" G_GINT64_FORMAT
                                 ", acknowledged_at = '2026-01-01T00:00:00Z',"
                                 " acknowledgement = 'Called; safety plan reviewed'"
                                 " WHERE session_id = %" G_GINT64_FORMAT,
                                 fixture->clinician_id, flagged);
  run_sql (fixture, acknowledge);
  refresh_course (fixture, fixture->patient_id);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_INDUCTION, due, FALSE);

  /* After the sixth signed session: maintenance, the PHQ-9 due after the
   * plan's longest booster interval. */
  add_session (fixture, plan, 4, 8, "none", FALSE);
  add_session (fixture, plan, 5, 6, "none", FALSE);
  add_session (fixture, plan, 6, 4, "none", FALSE);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_INDUCTION, due, FALSE);
  add_session (fixture, plan, 7, 1, "none", FALSE);
  g_clear_pointer (&due, g_free);
  due = due_after (1, 7 * plan->maintenance_max_weeks);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_MAINTENANCE, due, FALSE);

  /* Roles that do not see clinical content see none of it. */
  patients_test_sign_in_as (fixture->store, DESK);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_NONE, "", FALSE);
  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_NONE, "", FALSE);
  patients_test_sign_in_as (fixture->store, NURSE);
  assert_course_fields (fixture, fixture->patient_id, TONIC_COURSE_PHASE_MAINTENANCE, due, FALSE);
}

/* -- The list's course filters -------------------------------------------------------- */

static gint64
add_patient (Fixture    *fixture,
             const char *name)
{
  g_autoptr(TonicPatient) patient = patients_test_add (fixture->store, name, NULL, "1990-05-05",
                                                       NULL);

  return tonic_patient_get_id (patient);
}

/* The ids of the patients @query lists, in the list's order, after
 * checking that counting agrees. */
static char *
list_ids (Fixture                 *fixture,
          const TonicPatientQuery *q)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);
  guint count;

  patients = patients_test_list_patients (fixture->store, q, 0, 100, &error);
  g_assert_no_error (error);
  count = patients_test_count_patients (fixture->store, q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, patients->len);

  for (guint i = 0; i < patients->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            tonic_patient_get_id (g_ptr_array_index (patients, i)));

  return g_string_free (ids, FALSE);
}

static void
assert_list (Fixture                 *fixture,
             const TonicPatientQuery *q,
             gint64                   first,
             ...)
{
  g_autofree char *ids = list_ids (fixture, q);
  GString *expected = g_string_new (NULL);
  g_autofree char *expected_text = NULL;
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_string_append_printf (expected, "%s%" G_GINT64_FORMAT, expected->len > 0 ? " " : "", id);
  va_end (args);

  expected_text = g_string_free (expected, FALSE);
  g_assert_cmpstr (ids, ==, expected_text);
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* In name order: Ama, Bea, Cyd, Dov, and the fixture's Tomás. */
  gint64 ama = add_patient (fixture, "Ama Mensah");
  gint64 bea = add_patient (fixture, "Bea Lindqvist");
  gint64 cyd = add_patient (fixture, "Cyd Moreau");
  gint64 dov = add_patient (fixture, "Dov Shapiro");
  gint64 tomas = fixture->patient_id;
  g_autoptr(TonicPlan) ama_plan = create_signed (fixture, ama);
  g_autoptr(TonicPlan) bea_plan = create_signed (fixture, bea);
  g_autoptr(TonicPlan) cyd_plan = create_signed (fixture, cyd);
  g_autoptr(TonicPlan) tomas_plan = create_signed (fixture, tomas);
  g_autofree char *tomorrow = local_today (1);
  g_autofree char *yesterday = local_today (-1);
  g_autofree char *explained = NULL;
  g_autoptr(GPtrArray) denied = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientQuery q = { 0 };

  /* Ama: induction, scored today (due in a week), a safety flag.
   * Bea: maintenance, scored 60 days ago (overdue).
   * Cyd: course ended. Dov: no plan. Tomás: induction, never scored
   * (due today). */
  add_session (fixture, ama_plan, 1, 0, "phq9-item9", TRUE);
  for (int i = 1; i <= 6; i++)
    add_session (fixture, bea_plan, i, 60 + 6 - i, "none", FALSE);
  g_assert_true (end_course (fixture->store, cyd_plan->course_id, "Moved abroad", &error));
  g_assert_no_error (error);

  /* No filter: everyone. */
  assert_list (fixture, &q, ama, bea, cyd, dov, tomas, (gint64) 0);

  q.phases = 1u << TONIC_COURSE_PHASE_INDUCTION;
  assert_list (fixture, &q, ama, tomas, (gint64) 0);
  q.phases = 1u << TONIC_COURSE_PHASE_MAINTENANCE;
  assert_list (fixture, &q, bea, (gint64) 0);
  q.phases = (1u << TONIC_COURSE_PHASE_ENDED) | (1u << TONIC_COURSE_PHASE_NONE);
  assert_list (fixture, &q, cyd, dov, (gint64) 0);
  q.phases = TONIC_COURSE_PHASES_ALL;
  assert_list (fixture, &q, ama, bea, cyd, dov, tomas, (gint64) 0);
  q.phases = 0;

  /* Overdue: before today (the system's, or the query's). */
  q.overdue_scale = TRUE;
  assert_list (fixture, &q, bea, (gint64) 0);
  q.today = tomorrow;
  assert_list (fixture, &q, bea, tomas, (gint64) 0);
  q.today = yesterday;
  assert_list (fixture, &q, bea, (gint64) 0);
  q.today = "2026-13-45";
  g_assert_null (patients_test_list_patients (fixture->store, &q, 0, 10, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  q.today = NULL;
  q.overdue_scale = FALSE;

  q.safety_alert = TRUE;
  assert_list (fixture, &q, ama, (gint64) 0);
  q.phases = 1u << TONIC_COURSE_PHASE_MAINTENANCE;
  assert_list (fixture, &q, (gint64) 0);
  q.phases = 0;

  /* Combined with a search and the archive. */
  q.safety_alert = FALSE;
  q.phases = 1u << TONIC_COURSE_PHASE_INDUCTION;
  q.text = "tom";
  assert_list (fixture, &q, tomas, (gint64) 0);
  q.text = NULL;
  q.status = TONIC_PATIENT_STATUS_ARCHIVED;
  assert_list (fixture, &q, (gint64) 0);
  q.status = TONIC_PATIENT_STATUS_ACTIVE;

  /* Each filter is answered from its index. */
  q.phases = 1u << TONIC_COURSE_PHASE_MAINTENANCE;
  explained = patients_test_explain (fixture->store, &q, TRUE);
  g_assert_nonnull (strstr (explained, "patient_course_phase"));
  g_clear_pointer (&explained, g_free);
  q.phases = 0;
  q.overdue_scale = TRUE;
  explained = patients_test_explain (fixture->store, &q, TRUE);
  g_assert_nonnull (strstr (explained, "patient_scale_due_on"));
  g_clear_pointer (&explained, g_free);
  q.overdue_scale = FALSE;
  q.safety_alert = TRUE;
  explained = patients_test_explain (fixture->store, &q, TRUE);
  g_assert_nonnull (strstr (explained, "patient_safety_alert"));
  g_clear_pointer (&explained, g_free);

  /* The front desk may not filter on clinical content: refused and
   * audited. */
  patients_test_sign_in_as (fixture->store, DESK);
  denied = patients_test_list_patients (fixture->store, &q, 0, 10, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (denied);
  g_clear_error (&error);
  q.safety_alert = FALSE;
  q.overdue_scale = TRUE;
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &q, &error), ==, 0);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  q.overdue_scale = FALSE;
  q.phases = 1u << TONIC_COURSE_PHASE_NONE;
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &q, &error), ==, 0);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.view", "denied", 0), ==,
                    3);

  /* Without the filters, the front desk lists everyone. */
  q.phases = 0;
  assert_list (fixture, &q, ama, bea, cyd, dov, tomas, (gint64) 0);

  /* Under emergency access the filters work, audited with the flag. */
  g_assert_true (store_test_begin_emergency (fixture->store, "Alert call from a relative",
                                             &error));
  g_assert_no_error (error);
  q.safety_alert = TRUE;
  assert_list (fixture, &q, ama, (gint64) 0);
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM audit_log WHERE action_name = 'clinical.view'"
                           " AND outcome = 'ok' AND emergency = 1 AND detail = 'clinical filter'",
                           "2");
}

/* -- The trail --------------------------------------------------------------------------- */

static void
test_audit_actions (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TonicPlan) v1 = create_signed (fixture, fixture->patient_id);
  g_autoptr(TonicPlan) revision = tonic_plan_copy (v1);
  g_autoptr(TonicPlan) v2 = NULL;
  g_autoptr(TonicPlan) v2_edited = NULL;
  g_autoptr(GError) error = NULL;
  const char *actions[] = {
    "plan.create", "plan.sign", "plan.revise", "plan.edit", "plan.discard", "course.end",
  };

  revision->id = 0;
  set_text (&revision->goals, "Return to study");
  v2 = create_draft (fixture, revision);
  v2->infusion_minutes = 50;
  v2->change_note = g_strdup ("Longer infusion for nausea");
  v2_edited = save_draft (fixture->store, v2, &error);
  g_assert_no_error (error);
  assert_last_audit (fixture, "plan.edit", fixture->patient_id, "plan", v2->id,
                     "infusion-minutes, change-note");
  g_assert_true (discard_draft (fixture->store, v2->id, &error));
  g_assert_no_error (error);
  g_assert_true (end_course (fixture->store, v1->course_id, "Completed", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log"
                                              " WHERE action_name = '%s' AND outcome = 'ok'"
                                              " AND patient_id = %" G_GINT64_FORMAT
                                              " AND staff_id = %" G_GINT64_FORMAT
                                              " AND emergency = 0",
                                              actions[i], fixture->patient_id,
                                              fixture->clinician_id);

      g_assert_cmpuint (count_rows (fixture, sql), ==, 1);
    }

  /* The chain still holds. */
  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  g_assert_cmpint (store_test_verify_audit (fixture->store, &error), ==, 0);
  g_assert_no_error (error);
}

/* The practice's defaults for new plans are settings an administrator
 * changes; a value that makes no sense is refused and changes nothing. */
static void
test_default_settings (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const struct
  {
    const char *name;
    const char *value;
    gboolean    valid;
  } cases[] = {
    { TONIC_SETTING_PLAN_THRESHOLDS, "warn-systolic=150;warn-diastolic=95", TRUE },
    { TONIC_SETTING_PLAN_THRESHOLDS, "", TRUE },
    { TONIC_SETTING_PLAN_THRESHOLDS, "warn-systolic=190", FALSE },   /* above the alarm */
    { TONIC_SETTING_PLAN_THRESHOLDS, "spo2=", FALSE },
    { TONIC_SETTING_PLAN_THRESHOLDS, "pulse=100", FALSE },
    { TONIC_SETTING_PLAN_WEIGHT_AGE, "14", TRUE },
    { TONIC_SETTING_PLAN_WEIGHT_AGE, "365", TRUE },
    { TONIC_SETTING_PLAN_WEIGHT_AGE, "366", FALSE },
    { TONIC_SETTING_PLAN_WEIGHT_AGE, "0", FALSE },
    { TONIC_SETTING_PLAN_WEIGHT_AGE, "two weeks", FALSE },
    { TONIC_SETTING_DOSE_CHANGE_PERCENT, "30", TRUE },
    { TONIC_SETTING_DOSE_CHANGE_PERCENT, "4", FALSE },
    { TONIC_SETTING_DOSE_CHANGE_PERCENT, "101", FALSE },
    { TONIC_SETTING_DOSE_CHANGE_PERCENT, "20 %", FALSE },
  };
  g_autoptr(GError) error = NULL;

  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = store_test_get_setting (fixture->store, cases[i].name, &error);
      g_autofree char *after = NULL;
      gboolean saved;

      g_assert_no_error (error);
      saved = store_test_set_setting (fixture->store, cases[i].name, cases[i].value, &error);
      after = store_test_get_setting (fixture->store, cases[i].name, NULL);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_true (saved);
          g_assert_cmpstr (after, ==, cases[i].value);
        }
      else
        {
          g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
          g_assert_false (saved);
          g_assert_cmpstr (after, ==, before);
          g_clear_error (&error);
        }
    }

  /* A clinician uses them and does not change them. */
  patients_test_sign_in_as (fixture->store, CLINICIAN);
  g_assert_false (store_test_set_setting (fixture->store, TONIC_SETTING_PLAN_WEIGHT_AGE, "20",
                                          &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  {
    g_autofree char *days = store_test_get_setting (fixture->store,
                                                    TONIC_SETTING_PLAN_WEIGHT_AGE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (days, ==, "365");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

  ADD ("/plans/create-edit-sign", test_create_edit_sign);
  ADD ("/plans/invalid-drafts", test_invalid_drafts);
  ADD ("/plans/sign-denied", test_sign_denied);
  ADD ("/plans/read-permissions", test_read_permissions);
  ADD ("/plans/sign-checks", test_sign_checks);
  ADD ("/plans/revise", test_revise);
  ADD ("/plans/discard", test_discard);
  ADD ("/plans/signed-immutable", test_signed_immutable);
  ADD ("/plans/end-course", test_end_course);
  ADD ("/plans/course-fields", test_course_fields);
  ADD ("/plans/list-filters", test_list_filters);
  ADD ("/plans/audit-actions", test_audit_actions);
  ADD ("/plans/default-settings", test_default_settings);

  return g_test_run ();
}
