/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-overview"

#include "config.h"

#include <string.h>

#include "overview-test-helpers.h"

/* The practice overview through the store API: exact numbers on a
 * practice made for it through the same calls a clinician uses
 * (responders, a remitter, a non-responder, an ended course, a course
 * under two indications, a revised plan, a pain course without a
 * remission rule, a draft plan, a session without a dose), who may read
 * it and the audit trail; and the same numbers at the size of a large
 * practice (100 000 patients, 5 000 courses) written with raw SQL. */

#define CLINICIAN "cleo.clin"
#define NURSE     "nils.nurse"
#define DESK      "fran.desk"

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      admin_id;
  gint64      clinician_id;
  gint64      nurse_id;
  gint64      desk_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct
  {
    TonicRole   role;
    const char *username;
  } members[] = {
    { TONIC_ROLE_CLINICIAN, CLINICIAN },
    { TONIC_ROLE_NURSE, NURSE },
    { TONIC_ROLE_FRONT_DESK, DESK },
  };
  gint64 *ids[] = { &fixture->clinician_id, &fixture->nurse_id, &fixture->desk_id };
  g_autoptr(TonicStaff) admin = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (61);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  admin = tonic_store_dup_actor (fixture->store);
  fixture->admin_id = tonic_staff_get_id (admin);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TonicStaff) member = NULL;

      member = store_test_add_staff (fixture->store, members[i].username, members[i].username,
                                     members[i].role, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
      g_assert_no_error (error);
      *ids[i] = tonic_staff_get_id (member);
    }

  patients_test_sign_in_as (fixture->store, CLINICIAN);
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
}

static GPtrArray *
get_overview (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_overview_async (fixture->store, NULL, store_test_on_ready, &result);
  return tonic_store_get_overview_finish (fixture->store, store_test_wait_for (&result), error);
}

static GPtrArray *
get_overview_ok (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = get_overview (fixture, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static const TonicOverviewRow *
find_row (GPtrArray       *rows,
          TonicIndication  indication)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const TonicOverviewRow *row = g_ptr_array_index (rows, i);

      if (row->indication == indication)
        return row;
    }

  return NULL;
}

static void
assert_row (GPtrArray       *rows,
            TonicIndication  indication,
            guint            n_active,
            guint            n_courses,
            guint            n_evaluated,
            guint            n_response,
            guint            n_remission_evaluated,
            guint            n_remission,
            double           median)
{
  const TonicOverviewRow *row = find_row (rows, indication);

  g_test_message ("Checking %s", tonic_indication_to_string (indication));
  g_assert_nonnull (row);
  g_assert_cmpuint (row->n_active, ==, n_active);
  g_assert_cmpuint (row->n_courses, ==, n_courses);
  g_assert_cmpuint (row->n_evaluated, ==, n_evaluated);
  g_assert_cmpuint (row->n_response, ==, n_response);
  g_assert_cmpuint (row->n_remission_evaluated, ==, n_remission_evaluated);
  g_assert_cmpuint (row->n_remission, ==, n_remission);
  g_assert_cmpfloat_with_epsilon (row->median_infusions_to_response, median, 1e-9);
}

/* The crafted practice ------------------------------------------------------ */

/* Adds a score of another measure to the newest session of @patient_id,
 * which must not count. */
static void
add_other_score (Fixture         *fixture,
                 gint64           patient_id,
                 TonicInstrument  instrument,
                 int              total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = sessions_test_list_sessions (fixture->store, patient_id,
                                                               &error);

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, >, 0);
  overview_test_add_score (fixture->store,
                           ((TonicSession *) g_ptr_array_index (sessions, 0))->id, instrument,
                           TONIC_SCORE_TIMING_PRE, total);
}

#define ADD_COURSE(name, protocol, indications, measure, steps) \
  overview_test_add_course (fixture->store, (name), (protocol), (indications), (measure), \
                            (steps), G_N_ELEMENTS (steps))

/* The practice the exact numbers are checked on. Response is a fall of
 * half the baseline (PHQ-9, GAD-7) or 30 % (pain); remission PHQ-9 < 5. */
static void
make_practice (Fixture *fixture)
{
  /* Responds at the third session, after two infusions. */
  static const OverviewTestStep responder[] = {
    { 20, FALSE, TRUE }, { 14, FALSE, TRUE }, { 10, FALSE, TRUE },
  };
  /* Responds after one infusion, remits after two. */
  static const OverviewTestStep remitter[] = {
    { 18, FALSE, TRUE }, { 8, FALSE, TRUE }, { 4, FALSE, TRUE },
  };
  /* Improves, never enough. */
  static const OverviewTestStep non_responder[] = {
    { 20, FALSE, TRUE }, { 16, FALSE, TRUE }, { 15, FALSE, TRUE }, { 11, FALSE, TRUE },
  };
  /* No score at the second session; responds after two infusions; then
   * the course is ended. */
  static const OverviewTestStep ended[] = {
    { 16, FALSE, TRUE }, { OVERVIEW_TEST_NONE, FALSE, TRUE }, { 6, FALSE, TRUE },
  };
  /* Responds after three infusions, the second session giving none. */
  static const OverviewTestStep late[] = {
    { 20, FALSE, TRUE }, { 18, FALSE, FALSE }, { 15, FALSE, TRUE }, { 12, FALSE, TRUE },
    { 9, FALSE, TRUE },
  };
  /* Two indications; the response is scored after the second session's
   * dose, so that dose counts: two infusions. */
  static const OverviewTestStep two_indications[] = {
    { 22, FALSE, TRUE }, { 10, TRUE, TRUE },
  };
  /* A baseline and nothing after it. */
  static const OverviewTestStep baseline_only[] = {
    { 15, FALSE, TRUE }, { OVERVIEW_TEST_NONE, FALSE, TRUE },
  };
  /* Pain: 8 → 5 is a 37.5 % fall, a response after one infusion; pain
   * has no remission rule. */
  static const OverviewTestStep pain[] = {
    { 8, FALSE, TRUE }, { 5, FALSE, TRUE },
  };
  const TonicIndication depression = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Ada Responder", TONIC_PROTOCOL_IV_DEPRESSION,
                     depression, TONIC_INSTRUMENT_PHQ9, responder);
  /* A MADRS in remission must not make this course a remitter. */
  add_other_score (fixture, plan->patient_id, TONIC_INSTRUMENT_MADRS, 2);

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Bo Remitter", TONIC_PROTOCOL_IV_DEPRESSION,
                     depression, TONIC_INSTRUMENT_PHQ9, remitter);

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Cy Nonresponder", TONIC_PROTOCOL_IV_DEPRESSION,
                     depression, TONIC_INSTRUMENT_PHQ9, non_responder);

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Dee Ended", TONIC_PROTOCOL_IV_DEPRESSION,
                     TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER, TONIC_INSTRUMENT_PHQ9, ended);
  g_assert_true (sessions_test_end_course (fixture->store, plan->course_id,
                                           "Course complete: response", &error));
  g_assert_no_error (error);

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Eli Late", TONIC_PROTOCOL_IV_DEPRESSION,
                     TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER, TONIC_INSTRUMENT_PHQ9, late);

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Fay Twofold", TONIC_PROTOCOL_IV_DEPRESSION,
                     depression | TONIC_INDICATION_PTSD, TONIC_INSTRUMENT_PHQ9,
                     two_indications);

  /* Signed first for PTSD, then revised to anxiety alone before any
   * session: only the current version counts. */
  {
    gint64 patient_id = overview_test_add_patient (fixture->store, "Gus Revised");
    g_autoptr(TonicPlan) first = sessions_test_new_plan (patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                                         TONIC_INDICATION_PTSD);
    g_autoptr(TonicPlan) signed_first = sessions_test_add_signed_plan (fixture->store, first);
    g_autoptr(TonicPlan) second = tonic_plan_copy (signed_first);
    g_autoptr(TonicPlan) signed_second = NULL;

    second->id = 0;
    second->indications = TONIC_INDICATION_ANXIETY;
    second->measures = tonic_instrument_set_for_indications (TONIC_INDICATION_ANXIETY);
    g_free (second->change_note);
    second->change_note = g_strdup ("Anxiety is what is treated");
    signed_second = sessions_test_add_signed_plan (fixture->store, second);
    g_assert_cmpint (signed_second->course_id, ==, signed_first->course_id);
    g_assert_cmpint (signed_second->version, ==, 2);

    for (guint i = 0; i < G_N_ELEMENTS (baseline_only); i++)
      {
        g_autoptr(TonicSession) session = NULL;
        g_autoptr(TonicSession) documented = NULL;

        session = sessions_test_start_session (fixture->store, patient_id, 0, &error);
        g_assert_no_error (error);
        if (baseline_only[i].total != OVERVIEW_TEST_NONE)
          overview_test_add_score (fixture->store, session->id, TONIC_INSTRUMENT_GAD7,
                                   TONIC_SCORE_TIMING_PRE, baseline_only[i].total);
        documented = sessions_test_document (fixture->store, session->id, 0);
      }
  }

  g_clear_pointer (&plan, tonic_plan_free);
  plan = ADD_COURSE ("Hal Pain", TONIC_PROTOCOL_IV_PAIN,
                     TONIC_INDICATION_CHRONIC_PAIN, TONIC_INSTRUMENT_PAIN_NRS, pain);

  /* A plan never signed: no course to count. */
  {
    gint64 patient_id = overview_test_add_patient (fixture->store, "Ivo Draft");
    g_autoptr(TonicPlan) draft = sessions_test_new_plan (patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                                         TONIC_INDICATION_OCD);
    g_autoptr(TonicPlan) saved = NULL;

    draft->measures = TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_PHQ9);
    saved = sessions_test_save_plan_draft (fixture->store, draft, &error);

    g_assert_no_error (error);
    g_assert_cmpint (saved->status, ==, TONIC_PLAN_STATUS_DRAFT);
  }
}

static void
assert_practice (GPtrArray *rows)
{
  static const TonicIndication order[] = {
    TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION,
    TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER,
    TONIC_INDICATION_ANXIETY,
    TONIC_INDICATION_PTSD,
    TONIC_INDICATION_CHRONIC_PAIN,
  };

  /* In the order of the indications; none for OCD (a draft) or the
   * indications nobody is treated for. */
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((TonicOverviewRow *) g_ptr_array_index (rows, i))->indication, ==,
                     order[i]);

  /* Responder (2 infusions), remitter (1), non-responder, two indications
   * (2): 3 of 4 respond, 1 remits, median 2. */
  assert_row (rows, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, 4, 4, 4, 3, 4, 1, 2.0);
  /* Ended (2, not active) and late (3): a median of 2.5; 6 and 9 are not
   * below 5. */
  assert_row (rows, TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER, 1, 2, 2, 2, 2, 0, 2.5);
  /* The revised plan: a baseline only. */
  assert_row (rows, TONIC_INDICATION_ANXIETY, 1, 1, 0, 0, 0, 0, 0.0);
  /* Only the course with two indications: the revised one left PTSD. */
  assert_row (rows, TONIC_INDICATION_PTSD, 1, 1, 1, 1, 1, 0, 2.0);
  /* A response; no remission rule at all. */
  assert_row (rows, TONIC_INDICATION_CHRONIC_PAIN, 1, 1, 1, 1, 0, 0, 1.0);

  {
    const TonicOverviewRow *row = find_row (rows, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
    double share = -1;

    g_assert_true (tonic_overview_row_get_response_share (row, &share));
    g_assert_cmpfloat_with_epsilon (share, 0.75, 1e-9);
    g_assert_true (tonic_overview_row_get_remission_share (row, &share));
    g_assert_cmpfloat_with_epsilon (share, 0.25, 1e-9);

    row = find_row (rows, TONIC_INDICATION_CHRONIC_PAIN);
    g_assert_true (tonic_overview_row_get_response_share (row, &share));
    g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-9);
    share = -1;
    g_assert_false (tonic_overview_row_get_remission_share (row, &share));
    g_assert_cmpfloat (share, ==, -1);

    row = find_row (rows, TONIC_INDICATION_ANXIETY);
    g_assert_false (tonic_overview_row_get_response_share (row, &share));
  }
}

static void
test_crafted (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  make_practice (fixture);

  before = store_test_count_audit (fixture->store, "overview.view", "ok", fixture->clinician_id);
  rows = get_overview_ok (fixture);
  assert_practice (rows);

  /* Read by the clinician, recorded without a patient or a detail. */
  g_assert_cmpuint (store_test_count_audit (fixture->store, "overview.view", "ok",
                                            fixture->clinician_id), ==, before + 1);
  store_test_assert_query (fixture->store,
                           "SELECT coalesce (patient_id, 0) || '|' || coalesce (detail, '')"
                           " FROM audit_log WHERE action_name = 'overview.view'",
                           "0|");

  /* The administrator sees the same numbers. */
  patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = get_overview_ok (fixture);
  assert_practice (rows);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "overview.view", "ok",
                                            fixture->admin_id), ==, 1);

  g_assert_cmpint (store_test_verify_audit (fixture->store, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = get_overview_ok (fixture);

  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  const struct
  {
    const char *username;
    gint64      id;
  } refused[] = {
    { NURSE, fixture->nurse_id },
    { DESK, fixture->desk_id },
  };

  make_practice (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      patients_test_sign_in_as (fixture->store, refused[i].username);
      rows = get_overview (fixture, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
      g_assert_null (rows);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "overview.view", "denied",
                                                refused[i].id), ==, 1);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "overview.view", "ok",
                                                refused[i].id), ==, 0);
    }

  /* Nobody signed in. */
  {
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (store_test_sign_out (fixture->store, TONIC_SIGN_OUT_USER, &error));
    g_assert_no_error (error);
    rows = get_overview (fixture, &error);
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
    g_assert_null (rows);
  }
}

/* A large practice ----------------------------------------------------------- */

#define N_PATIENTS 100000
#define N_COURSES    5000
#define N_SESSIONS     10

/* Written with raw SQL (the API would take minutes). Course i (1 … 5000)
 * is patient 20·i's; even courses treat treatment-resistant depression
 * (PHQ-9), odd ones anxiety (GAD-7); every tenth is ended; every fiftieth
 * had a first signed version for OCD. Ten sessions, each with a dose and
 * a pre-dose score of the primary measure: 20 throughout when i ≡ 0
 * (mod 3), 20 − 2k when i ≡ 1 (response at k = 5, 5 infusions; remission
 * at 4), 20 − 3k when i ≡ 2 (response at k = 4, 4 infusions; remission).
 * Every session also has a C-SSRS, which must be skipped. */
static const char * const large_practice[] = {
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
  G_STRINGIFY (N_PATIENTS) ")"
  " INSERT INTO patient (id, uuid, mrn, legal_name, date_of_birth, sort_name, name_key,"
  "  created_at, updated_at)"
  " SELECT i, 'p-' || i, 'TN-' || i, 'Patient ' || i, '1980-01-01', 'patient ' || i,"
  "  'patient ' || i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",

  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
  G_STRINGIFY (N_COURSES) ")"
  " INSERT INTO course (id, uuid, patient_id, created_at, ended_at, ended_by, end_reason)"
  " SELECT i, 'c-' || i, 20 * i, '2026-01-01T00:00:00Z',"
  "  CASE WHEN i % 10 = 0 THEN '2026-03-01T00:00:00Z' END,"
  "  CASE WHEN i % 10 = 0 THEN 1 END, CASE WHEN i % 10 = 0 THEN 'done' ELSE '' END FROM n",

  /* Versions 1 (OCD, every fiftieth course) and 2 (all). */
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
  G_STRINGIFY (N_COURSES) "),"
  " v (i, version) AS (SELECT i, 2 FROM n UNION ALL SELECT i, 1 FROM n WHERE i % 50 = 0)"
  " INSERT INTO plan (uuid, patient_id, course_id, version, status, protocol, indications,"
  "  measures, induction_count, induction_weeks, maintenance_min_weeks, maintenance_max_weeks,"
  "  route, dose_mode, dose, weight_max_age_days, vitals_schedule, thresholds, created_at,"
  "  created_by, signed_at, signed_by)"
  " SELECT 'pl-' || i || '-' || version, 20 * i, i, version, 'signed', 'iv-depression',"
  "  CASE WHEN version = 1 THEN 'ocd'"
  "       WHEN i % 2 = 0 THEN 'treatment-resistant-depression' ELSE 'anxiety' END,"
  "  CASE WHEN version = 1 OR i % 2 = 0 THEN 'phq-9,c-ssrs' ELSE 'gad-7,c-ssrs' END,"
  "  6, 3, 2, 6, 'iv', 'per-kg', 0.5, 30, '', '', '2026-01-01T00:00:00Z', 1,"
  "  '2026-01-01T00:00:00Z', 1 FROM v",

  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
  G_STRINGIFY (N_COURSES) "),"
  " k (k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < " G_STRINGIFY (N_SESSIONS) " - 1)"
  " INSERT INTO session (id, uuid, patient_id, course_id, plan_id, status, number, route,"
  "  dose_mode, given_mg, created_at, updated_at)"
  " SELECT i * 100 + k, 's-' || i || '-' || k, 20 * i, i,"
  "  (SELECT id FROM plan WHERE course_id = i AND version = 2), 'draft', k + 1, 'iv', 'per-kg',"
  "  36.0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n, k",

  "INSERT INTO session_score (session_id, patient_id, course_id, instrument, timing, answers,"
  "  total, scored_at)"
  " SELECT id, patient_id, course_id,"
  "  CASE WHEN course_id % 2 = 0 THEN 'phq-9' ELSE 'gad-7' END, 'pre', '',"
  "  max (0, CASE course_id % 3 WHEN 0 THEN 20 WHEN 1 THEN 20 - 2 * (number - 1)"
  "              ELSE 20 - 3 * (number - 1) END),"
  "  '2026-01-01T00:00:00Z' FROM session",

  "INSERT INTO session_score (session_id, patient_id, course_id, instrument, timing, answers,"
  "  total, scored_at)"
  " SELECT id, patient_id, course_id, 'c-ssrs', 'pre', '', 0, '2026-01-01T00:00:00Z'"
  " FROM session",
};

static void
test_large (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  gint64 start;
  double seconds;

  for (guint i = 0; i < G_N_ELEMENTS (large_practice); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = store_test_query (fixture->store, large_practice[i], &error);

      g_assert_no_error (error);
    }
  store_test_assert_query (fixture->store, "SELECT count(*) FROM session_score",
                           G_STRINGIFY (100000));

  start = g_get_monotonic_time ();
  rows = get_overview_ok (fixture);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("The overview of 5 000 courses took %.3f s", seconds);

  /* 2 500 courses each; i ≡ 1 and i ≡ 2 (mod 3) respond and remit:
   * 833 + 834 of the even ones (median of 833 fives and 834 fours: 4),
   * 834 + 833 of the odd ones (median 5). The ended courses are the
   * multiples of 10, all even. No OCD: its versions were replaced. */
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, 2000, 2500, 2500, 1667,
              2500, 1667, 4.0);
  assert_row (rows, TONIC_INDICATION_ANXIETY, 2500, 2500, 2500, 1667, 2500, 1667, 5.0);

  /* One pass, not one query per course: well within a second on any
   * machine this runs on; 10 s leaves room for a loaded one. */
  g_assert_cmpfloat (seconds, <, 10.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/overview/crafted", Fixture, NULL, fixture_set_up, test_crafted,
              fixture_tear_down);
  g_test_add ("/overview/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/overview/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/overview/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);

  return g_test_run ();
}
