/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-permissions"

#include "config.h"

#include <string.h>

#include "sessions-test-helpers.h"

/* The role × action matrix (SECURITY.md), exercised through the store API
 * with real staff members signed in: every cell calls a store function that
 * needs that action, and the answer must be the one written below.
 *
 * The table is written out here on purpose, not taken from
 * tonic_permission_allows(): changing a cell of the production table must
 * make this test fail until someone decides, here too, that it is right. */

#define T TRUE
#define F FALSE

/* A new action must be added to the table below (and given a store call). */
G_STATIC_ASSERT (TONIC_N_ACTIONS == 18);
G_STATIC_ASSERT (TONIC_N_ROLES == 4);

static const struct
{
  TonicRole   role;
  const char *username;
  gboolean    allowed[TONIC_N_ACTIONS];
} matrix[] = {
  /*                                      staff  staff   audit settings emergency clinical
   *                                      view   manage  view  manage   access    view
   *                                      patient patient clinical appt  appt   patient
   *                                      view    edit    edit     view  edit   import
   *                                      plan   plan    session session safety       overview
   *                                      edit   sign    record  sign    acknowledge  view */
  { TONIC_ROLE_ADMIN,      "ada.admin",  { T,     T,      T,    T,       T,        F,
                                           T,     T,      F,    T,     T,     T,
                                           F,     F,      F,      F,      F,           T } },
  { TONIC_ROLE_CLINICIAN,  "cleo.clin",  { F,     F,      F,    F,       T,        T,
                                           T,     T,      T,    T,     T,     F,
                                           T,     T,      T,      T,      T,           T } },
  { TONIC_ROLE_NURSE,      "nils.nurse", { F,     F,      F,    F,       T,        T,
                                           T,     T,      T,    T,     T,     F,
                                           F,     F,      T,      F,      F,           F } },
  { TONIC_ROLE_FRONT_DESK, "fran.desk",  { F,     F,      F,    F,       T,        F,
                                           T,     T,      F,    T,     T,     F,
                                           F,     F,      F,      F,      F,           F } },
};

#undef T
#undef F

#define REASON "Patient unresponsive in chair 3; chart needed now"

/* Emergency access changes what the rest of a session may do, so it is
 * tried last. */
static const TonicAction call_order[] = {
  TONIC_ACTION_STAFF_VIEW,
  TONIC_ACTION_STAFF_MANAGE,
  TONIC_ACTION_AUDIT_VIEW,
  TONIC_ACTION_SETTINGS_MANAGE,
  TONIC_ACTION_CLINICAL_VIEW,
  TONIC_ACTION_PATIENT_VIEW,
  TONIC_ACTION_PATIENT_EDIT,
  TONIC_ACTION_CLINICAL_EDIT,
  TONIC_ACTION_APPOINTMENT_VIEW,
  TONIC_ACTION_APPOINTMENT_EDIT,
  TONIC_ACTION_PATIENT_IMPORT,
  TONIC_ACTION_PLAN_EDIT,
  TONIC_ACTION_PLAN_SIGN,
  TONIC_ACTION_SESSION_RECORD,
  TONIC_ACTION_SAFETY_ACKNOWLEDGE,
  TONIC_ACTION_SESSION_SIGN,
  TONIC_ACTION_OVERVIEW_VIEW,
  TONIC_ACTION_EMERGENCY_ACCESS,
};

G_STATIC_ASSERT (G_N_ELEMENTS (call_order) == TONIC_N_ACTIONS);

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      staff_ids[TONIC_N_ROLES];
  gint64      patient_id;
  /* Clinical records for the plan and session actions: a draft plan of
   * another patient to edit and sign; a documented draft session to sign
   * and a score with a safety flag to acknowledge, in the course of
   * @patient_id's signed plan. */
  TonicPlan  *draft_plan;
  gint64      session_id;
  gint64      flagged_score_id;
} Fixture;

/* The clinical records of the fixture, made by the clinician. */
static void
add_clinical_records (Fixture *fixture)
{
  /* PHQ-9 with item 9 answered. */
  const int item9[] = { 1, 0, 1, 0, 1, 0, 1, 0, 1 };
  g_autoptr(TonicPatient) planned = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicPlan) draft = NULL;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) flagged = NULL;
  g_autoptr(TonicSessionScore) score = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (patients_test_add_weight (fixture->store, fixture->patient_id, 75.0, NULL,
                                           &error));
  g_assert_no_error (error);
  plan = sessions_test_new_plan (fixture->patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                 TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  signed_plan = sessions_test_add_signed_plan (fixture->store, plan);

  session = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  documented = sessions_test_document (fixture->store, session->id, 0);
  fixture->session_id = documented->id;

  flagged = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  score = sessions_test_save_score (fixture->store, flagged->id, TONIC_INSTRUMENT_PHQ9,
                                    TONIC_SCORE_TIMING_PRE, item9, G_N_ELEMENTS (item9), &error);
  g_assert_no_error (error);
  g_assert_cmpint (score->score.safety, ==, TONIC_SAFETY_PHQ9_ITEM9);
  fixture->flagged_score_id = score->id;

  planned = patients_test_add (fixture->store, "Matrix Planned", NULL, "1975-09-30", NULL);
  g_clear_pointer (&plan, tonic_plan_free);
  plan = sessions_test_new_plan (tonic_patient_get_id (planned), TONIC_PROTOCOL_IM,
                                 TONIC_INDICATION_ANXIETY);
  draft = sessions_test_save_plan_draft (fixture->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draft->status, ==, TONIC_PLAN_STATUS_DRAFT);
  fixture->draft_plan = g_steal_pointer (&draft);
}

/* A practice whose admin has made one member of every other role and
 * turned emergency access on, and clinical records (add_clinical_records()).
 * Nobody is signed in afterwards. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (7);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  admin = tonic_store_dup_actor (fixture->store);
  g_assert_nonnull (admin);
  g_assert_cmpint (tonic_staff_get_role (admin), ==, TONIC_ROLE_ADMIN);
  g_assert_cmpstr (tonic_staff_get_username (admin), ==, matrix[0].username);
  fixture->staff_ids[TONIC_ROLE_ADMIN] = tonic_staff_get_id (admin);

  for (guint i = 1; i < G_N_ELEMENTS (matrix); i++)
    {
      g_autoptr(TonicStaff) member = NULL;
      g_autofree char *name = g_strdup_printf ("Member %s", matrix[i].username);

      member = store_test_add_staff (fixture->store, matrix[i].username, name, matrix[i].role,
                                     store_test_hash (STORE_TEST_PASSWORD), &error);
      g_assert_no_error (error);
      g_assert_cmpint (tonic_staff_get_role (member), ==, matrix[i].role);
      fixture->staff_ids[matrix[i].role] = tonic_staff_get_id (member);
    }

  g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "true",
                                         &error));
  g_assert_no_error (error);

  /* A patient to weigh and to book. */
  {
    g_autoptr(TonicPatient) patient = patients_test_add (fixture->store, "Matrix Patient", NULL,
                                                         "1980-04-03", NULL);

    fixture->patient_id = tonic_patient_get_id (patient);
  }

  patients_test_sign_in_as (fixture->store, "cleo.clin");
  add_clinical_records (fixture);

  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->draft_plan, tonic_plan_free);
}

static TonicStaff *
sign_in (Fixture    *fixture,
         const char *username)
{
  g_autoptr(GError) error = NULL;
  TonicStaff *staff;

  staff = store_test_sign_in (fixture->store, username, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);

  return staff;
}

/* Calls a store function that needs @action; returns whether it was
 * allowed. Any failure other than DENIED fails the test. */
static gboolean
try_action (Fixture     *fixture,
            TonicAction  action,
            const char  *tag,
            guint       *n_calls)
{
  g_autoptr(GError) error = NULL;
  gboolean allowed = FALSE;

  switch (action)
    {
    case TONIC_ACTION_STAFF_VIEW:
      {
        g_autoptr(GPtrArray) staff = store_test_list_staff (fixture->store, FALSE, &error);

        allowed = staff != NULL;
        if (allowed)
          g_assert_cmpuint (staff->len, >=, G_N_ELEMENTS (matrix));
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_STAFF_MANAGE:
      {
        g_autofree char *username = g_strdup_printf ("made.by.%s", tag);
        g_autoptr(TonicStaff) made = NULL;

        made = store_test_add_staff (fixture->store, username, "Made In Matrix",
                                     TONIC_ROLE_NURSE, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
        allowed = made != NULL;
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_AUDIT_VIEW:
      {
        /* Both calls that need it must agree. */
        TonicAuditQuery query = { 0 };
        g_autoptr(GPtrArray) events = store_test_list_audit (fixture->store, &query, &error);
        gboolean listed = events != NULL;
        gint64 broken;

        if (!listed)
          {
            g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
            g_clear_error (&error);
          }

        broken = store_test_verify_audit (fixture->store, &error);
        allowed = error == NULL;
        if (allowed)
          g_assert_cmpint (broken, ==, 0);
        g_assert_cmpint (listed, ==, allowed);
        *n_calls = 2;
      }
      break;

    case TONIC_ACTION_SETTINGS_MANAGE:
      allowed = store_test_set_setting (fixture->store, "matrix.test", tag, &error);
      *n_calls = 1;
      break;

    case TONIC_ACTION_EMERGENCY_ACCESS:
      allowed = store_test_begin_emergency (fixture->store, REASON, &error);
      *n_calls = 1;
      break;

    case TONIC_ACTION_CLINICAL_VIEW:
      allowed = store_test_check (fixture->store, action, &error);
      *n_calls = 1;
      break;

    case TONIC_ACTION_PATIENT_VIEW:
      {
        /* Counting and listing must agree. */
        TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ANY, 0, FALSE, NULL,
                                    TONIC_PATIENT_SORT_NAME };
        g_autoptr(GPtrArray) patients = patients_test_list_patients (fixture->store, &query, 0,
                                                                     100, &error);
        gboolean listed = patients != NULL;
        guint count;

        if (!listed)
          {
            g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
            g_clear_error (&error);
          }

        count = patients_test_count_patients (fixture->store, &query, &error);
        allowed = error == NULL;
        if (allowed)
          g_assert_cmpuint (count, ==, patients->len);
        g_assert_cmpint (listed, ==, allowed);
        *n_calls = 2;
      }
      break;

    case TONIC_ACTION_PATIENT_EDIT:
      {
        g_autofree char *name = g_strdup_printf ("Registered By %s", tag);
        g_autoptr(TonicPatient) patient = NULL;
        TonicPatientFields fields;

        patients_test_fields (&fields, name, "1990-01-01");
        patient = patients_test_create_patient (fixture->store, &fields, &error);
        allowed = patient != NULL;
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_CLINICAL_EDIT:
      allowed = patients_test_add_weight (fixture->store, fixture->patient_id, 71.5, NULL, &error);
      *n_calls = 1;
      break;

    case TONIC_ACTION_APPOINTMENT_VIEW:
      {
        g_autoptr(GPtrArray) appointments = NULL;

        appointments = patients_test_list_appointments (fixture->store, "2026-01-01T00:00:00Z",
                                                        "2027-01-01T00:00:00Z", &error);
        allowed = appointments != NULL;
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_APPOINTMENT_EDIT:
      {
        g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 23, 9, 0, 0);
        g_autoptr(TonicAppointment) appointment = NULL;
        TonicAppointmentFields fields = { 0 };

        fields.patient_id = fixture->patient_id;
        fields.type = TONIC_APPOINTMENT_TYPE_CONSULTATION;
        fields.chair = 1;
        fields.start = start;
        fields.minutes = 45;
        appointment = patients_test_save_appointment (fixture->store, &fields, &error);
        allowed = appointment != NULL;
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_PATIENT_IMPORT:
      {
        g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
        g_autofree char *name = g_strdup_printf ("Imported By %s", tag);
        TonicPatientFields fields;

        patients_test_fields (&fields, name, "1990-01-01");
        g_ptr_array_add (patients, tonic_patient_new (&fields));
        allowed = patients_test_import (fixture->store, patients, NULL, &error);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_PLAN_EDIT:
      {
        g_autoptr(TonicPlan) plan = tonic_plan_copy (fixture->draft_plan);
        g_autoptr(TonicPlan) saved = NULL;

        g_free (plan->goals);
        plan->goals = g_strdup_printf ("Goals written by %s", tag);
        saved = sessions_test_save_plan_draft (fixture->store, plan, &error);
        allowed = saved != NULL;
        if (allowed)
          g_assert_cmpstr (saved->goals, ==, plan->goals);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_PLAN_SIGN:
      {
        g_autoptr(TonicPlan) plan = sessions_test_sign_plan (fixture->store,
                                                             fixture->draft_plan->id, &error);

        allowed = plan != NULL;
        if (allowed)
          g_assert_cmpint (plan->status, ==, TONIC_PLAN_STATUS_SIGNED);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_SESSION_RECORD:
      {
        g_autoptr(TonicSession) session = NULL;

        session = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
        allowed = session != NULL;
        if (allowed)
          g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_DRAFT);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_SESSION_SIGN:
      {
        g_autoptr(TonicSession) session = NULL;

        session = sessions_test_sign_session (fixture->store, fixture->session_id, &error);
        allowed = session != NULL;
        if (allowed)
          g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_SIGNED);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_SAFETY_ACKNOWLEDGE:
      {
        g_autoptr(TonicSessionScore) score = NULL;

        score = sessions_test_acknowledge_safety (fixture->store, fixture->flagged_score_id,
                                                  "Seen; safety plan reviewed", &error);
        allowed = score != NULL;
        if (allowed)
          g_assert_cmpint (score->acknowledged_by, ==,
                           fixture->staff_ids[TONIC_ROLE_CLINICIAN]);
        *n_calls = 1;
      }
      break;

    case TONIC_ACTION_OVERVIEW_VIEW:
      {
        g_autoptr(GAsyncResult) result = NULL;
        g_autoptr(GPtrArray) rows = NULL;

        tonic_store_get_overview_async (fixture->store, NULL, store_test_on_ready, &result);
        rows = tonic_store_get_overview_finish (fixture->store, store_test_wait_for (&result),
                                                &error);
        allowed = rows != NULL;
        if (allowed)
          {
            /* The fixture's course: active, its PHQ-9 baseline and no
             * later score. A draft plan counts for nothing until a
             * clinician signs it (which the matrix does). */
            const TonicOverviewRow *row = g_ptr_array_index (rows, 0);

            g_assert_cmpuint (rows->len, >=, 1);
            g_assert_cmpint (row->indication, ==, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
            g_assert_cmpuint (row->n_active, ==, 1);
            g_assert_cmpuint (row->n_courses, ==, 1);
            g_assert_cmpuint (row->n_evaluated, ==, 0);
          }
        *n_calls = 1;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  if (!allowed)
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  else
    g_assert_no_error (error);

  return allowed;
}

static void
test_matrix (Fixture       *fixture,
             gconstpointer  user_data)
{
  for (guint r = 0; r < G_N_ELEMENTS (matrix); r++)
    {
      g_autoptr(TonicStaff) actor = sign_in (fixture, matrix[r].username);
      const char *tag = tonic_role_to_string (matrix[r].role);
      gint64 staff_id = fixture->staff_ids[matrix[r].role];
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (tonic_staff_get_id (actor), ==, staff_id);
      g_assert_cmpint (tonic_staff_get_role (actor), ==, matrix[r].role);

      for (guint a = 0; a < G_N_ELEMENTS (call_order); a++)
        {
          TonicAction action = call_order[a];
          const char *name = tonic_action_to_string (action);
          gboolean expected = matrix[r].allowed[action];
          guint denied_before = store_test_count_audit (fixture->store, name, "denied", staff_id);
          guint denied_after;
          guint n_calls = 0;
          gboolean allowed;

          allowed = try_action (fixture, action, tag, &n_calls);
          g_test_message ("%s × %s: %s", tag, name, allowed ? "allowed" : "denied");
          g_assert_cmpint (allowed, ==, expected);

          /* Each refusal left its own "denied" row, by this person, named
           * after the action; an allowed call left none. */
          denied_after = store_test_count_audit (fixture->store, name, "denied", staff_id);
          g_assert_cmpuint (denied_after - denied_before, ==, allowed ? 0 : n_calls);
        }

      g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
      g_assert_no_error (error);
    }

  /* Emergency access was used by everyone, and never changed a refusal
   * of anything but clinical records. */
  {
    guint n_allowed = 0;

    for (guint r = 0; r < G_N_ELEMENTS (matrix); r++)
      n_allowed += matrix[r].allowed[TONIC_ACTION_EMERGENCY_ACCESS];
    g_assert_cmpuint (store_test_count_audit (fixture->store, "emergency-access", "ok", 0), ==,
                      n_allowed);
  }
}

static void
test_nobody_signed_in (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  TonicAuditQuery query = { 0 };
  g_autofree char *value = NULL;
  guint denied_before = store_test_count_audit (fixture->store, NULL, "denied", -1);

  g_assert_null (tonic_store_dup_actor (fixture->store));

  for (guint a = 0; a < TONIC_N_ACTIONS; a++)
    {
      guint n_calls = 0;

      g_assert_false (try_action (fixture, (TonicAction) a, "nobody", &n_calls));
    }

  /* And what any signed-in member may do. */
  value = store_test_get_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "Sign in first");
  g_assert_null (value);
  g_clear_error (&error);

  g_assert_false (store_test_audit (fixture->store, "report.print", 0, NULL, NULL, NULL, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (store_test_set_staff_password (fixture->store,
                                                 fixture->staff_ids[TONIC_ROLE_NURSE],
                                                 store_test_hash ("another password"), &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  staff = store_test_update_staff (fixture->store, fixture->staff_ids[TONIC_ROLE_NURSE],
                                   "Renamed", TONIC_ROLE_ADMIN, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (staff);
  g_clear_error (&error);

  staff = store_test_set_staff_active (fixture->store, fixture->staff_ids[TONIC_ROLE_NURSE],
                                       FALSE, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  list = store_test_list_audit (fixture->store, &query, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Nothing changed; every refusal is in the trail, by nobody. */
  store_test_assert_query (fixture->store, "SELECT count(*) FROM staff", "4");
  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM staff WHERE display_name = 'Renamed'"
                           " OR active = 0",
                           "0");
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, "denied", -1) - denied_before,
                    ==, TONIC_N_ACTIONS + 2 /* audit view and patient view twice */ + 6);
  g_assert_false (tonic_store_get_emergency (fixture->store));
}

static void
test_emergency_front_desk (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TonicStaff) desk = sign_in (fixture, "fran.desk");
  gint64 desk_id = tonic_staff_get_id (desk);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  TonicAuditQuery query = { 0 };

  /* Without emergency access, no clinical records. */
  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tonic_store_get_emergency (fixture->store));

  g_assert_true (store_test_begin_emergency (fixture->store, "  " REASON "  ", &error));
  g_assert_no_error (error);
  g_assert_true (tonic_store_get_emergency (fixture->store));

  /* Now clinical records open, and each use is flagged. */
  g_assert_true (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_no_error (error);
  g_assert_true (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_no_error (error);

  /* Never staff, settings or the audit trail. */
  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_STAFF_MANAGE, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS,
                                          "false", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM audit_log WHERE action_name = 'clinical.view'"
                           " AND outcome = 'ok' AND emergency = 1",
                           "2");
  store_test_assert_query (fixture->store,
                           "SELECT detail || '|' || emergency || '|' || outcome FROM audit_log"
                           " WHERE action_name = 'emergency-access'",
                           REASON "|1|ok");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "clinical.view", "ok", desk_id), ==, 2);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "staff.manage", "denied", desk_id), ==,
                    1);

  /* Signing out ends it, and says so in the trail. */
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_LOCK, &error));
  g_assert_no_error (error);
  g_assert_false (tonic_store_get_emergency (fixture->store));
  store_test_assert_query (fixture->store,
                           "SELECT action_name || '|' || emergency FROM audit_log"
                           " WHERE sequence = (SELECT MAX(sequence) FROM audit_log)",
                           "lock|1");

  g_clear_object (&desk);
  desk = sign_in (fixture, "fran.desk");
  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_assert_no_error (error);

  /* The review shows the flag. */
  g_clear_object (&desk);
  desk = sign_in (fixture, "ada.admin");
  query.action = "clinical.view";
  events = store_test_list_audit (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  /* Newest first: the refusal after the lock, the two flagged uses, the
   * refusal before emergency access. */
  g_assert_cmpint (tonic_audit_event_get_outcome (g_ptr_array_index (events, 0)), ==,
                   TONIC_AUDIT_DENIED);
  g_assert_false (tonic_audit_event_get_emergency (g_ptr_array_index (events, 0)));
  g_assert_cmpint (tonic_audit_event_get_outcome (g_ptr_array_index (events, 3)), ==,
                   TONIC_AUDIT_DENIED);
  g_assert_false (tonic_audit_event_get_emergency (g_ptr_array_index (events, 3)));
  for (guint i = 1; i < 3; i++)
    {
      TonicAuditEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpint (tonic_audit_event_get_outcome (event), ==, TONIC_AUDIT_OK);
      g_assert_true (tonic_audit_event_get_emergency (event));
      g_assert_cmpint (tonic_audit_event_get_staff_id (event), ==, desk_id);
      g_assert_cmpstr (tonic_audit_event_get_staff_name (event), ==, "Member fran.desk");
    }
}

static void
test_emergency_turned_off (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TonicStaff) actor = sign_in (fixture, "ada.admin");
  g_autoptr(GError) error = NULL;
  gint64 nurse_id = fixture->staff_ids[TONIC_ROLE_NURSE];

  g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "false",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "setting.change", "ok", 0), ==, 2);
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));

  g_clear_object (&actor);
  actor = sign_in (fixture, "nils.nurse");

  g_assert_false (store_test_begin_emergency (fixture->store, REASON, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tonic_store_get_emergency (fixture->store));
  g_assert_cmpuint (store_test_count_audit (fixture->store, "emergency-access", "denied",
                                            nurse_id), ==, 1);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "emergency-access", "ok", 0), ==, 0);

  /* Anyone signed in may read the setting; only an administrator may
   * change it, and an invalid value is refused. */
  {
    g_autofree char *value = store_test_get_setting (fixture->store,
                                                     TONIC_SETTING_EMERGENCY_ACCESS, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (value, ==, "false");
  }
  g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
  g_clear_object (&actor);
  actor = sign_in (fixture, "ada.admin");
  g_assert_false (store_test_set_setting (fixture->store, TONIC_SETTING_EMERGENCY_ACCESS, "yes",
                                          &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *value = store_test_get_setting (fixture->store, "never.set", &error);

    g_assert_no_error (error);
    g_assert_null (value);
  }
}

static void
test_emergency_short_reason (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TonicStaff) actor = sign_in (fixture, "cleo.clin");
  g_autoptr(GError) error = NULL;
  guint rows_before = store_test_count_audit (fixture->store, NULL, NULL, 0);

  /* Nine characters once the spaces are stripped. */
  g_assert_false (store_test_begin_emergency (fixture->store, "   123456789   ", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10"));
  g_clear_error (&error);

  g_assert_false (store_test_begin_emergency (fixture->store, "", &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (tonic_store_get_emergency (fixture->store));
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==, rows_before);

  /* Ten is enough. */
  g_assert_true (store_test_begin_emergency (fixture->store, "1234567890", &error));
  g_assert_no_error (error);
  g_assert_true (tonic_store_get_emergency (fixture->store));
}

/* The role counts as it is now, not as it was at sign-in. */
static void
test_role_read_at_each_call (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TonicStaff) actor = sign_in (fixture, "cleo.clin");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_no_error (error);

  /* As if changed at another workstation. */
  sql = g_strdup_printf ("UPDATE staff SET role = 'front-desk' WHERE id = %" G_GINT64_FORMAT,
                         tonic_staff_get_id (actor));
  g_free (store_test_query (fixture->store, sql, &error));
  g_assert_no_error (error);

  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_CLINICAL_VIEW, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* Deactivated meanwhile: signed out. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE staff SET active = 0 WHERE id = %" G_GINT64_FORMAT,
                         tonic_staff_get_id (actor));
  g_free (store_test_query (fixture->store, sql, &error));
  g_assert_no_error (error);

  g_assert_false (store_test_check (fixture->store, TONIC_ACTION_EMERGENCY_ACCESS, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_null (tonic_store_dup_actor (fixture->store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/permissions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("matrix", test_matrix);
  ADD ("nobody-signed-in", test_nobody_signed_in);
  ADD ("emergency/front-desk", test_emergency_front_desk);
  ADD ("emergency/turned-off", test_emergency_turned_off);
  ADD ("emergency/short-reason", test_emergency_short_reason);
  ADD ("role-read-at-each-call", test_role_read_at_each_call);

#undef ADD

  return g_test_run ();
}
