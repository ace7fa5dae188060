/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-plan"

#include "config.h"

#include <string.h>

#include "tonic-plan.h"

#define TODAY "2026-11-23"
#define TRD   TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION

#define UNANSWERED TONIC_SCREEN_ANSWER_UNANSWERED
#define NO         TONIC_SCREEN_ANSWER_NO
#define YES        TONIC_SCREEN_ANSWER_YES

/* An IV depression draft that passes every check, signable too: every
 * item answered the good way, consent on file. */
static TonicPlan *
make_valid_plan (void)
{
  TonicPlan *plan = tonic_plan_new_from_protocol (TONIC_PROTOCOL_IV_DEPRESSION, TRD);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    plan->screening[i] = tonic_screen_item_is_requirement (i) ? YES : NO;
  plan->consent_date = g_strdup ("2026-11-20");
  plan->goals = g_strdup ("PHQ-9 below 10 by the end of the induction.\nBack at work.");

  return plan;
}

/* Asserts that @field of @plan fails with a message, and that
 * tonic_plan_check() names it (when no earlier field fails). */
static void
assert_field_fails (const TonicPlan *plan,
                    TonicPlanField   field)
{
  g_autofree char *message = tonic_plan_check_field (plan, field, TODAY);
  g_autofree char *first = NULL;
  TonicPlanField failed = TONIC_N_PLAN_FIELDS;

  if (message == NULL)
    g_error ("field %s passed", tonic_plan_field_to_string (field));
  g_assert_cmpstr (message, !=, "");

  first = tonic_plan_check (plan, TODAY, &failed);
  g_assert_nonnull (first);
  g_assert_cmpint (failed, ==, field);
  g_assert_cmpstr (first, ==, message);
}

static void
assert_field_passes (const TonicPlan *plan,
                     TonicPlanField   field)
{
  g_autofree char *message = tonic_plan_check_field (plan, field, TODAY);

  if (message != NULL)
    g_error ("field %s failed: %s", tonic_plan_field_to_string (field), message);
}

/* --- protocols and templates ------------------------------------------------- */

static void
test_protocol_strings (void)
{
  static const char *ids[] = { "iv-depression", "iv-pain", "im", "esketamine", "custom" };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == TONIC_N_PROTOCOLS);

  for (guint i = 0; i < TONIC_N_PROTOCOLS; i++)
    {
      TonicProtocol protocol = TONIC_PROTOCOL_CUSTOM + 1;

      g_assert_cmpstr (tonic_protocol_to_string (i), ==, ids[i]);
      g_assert_true (tonic_protocol_from_string (ids[i], &protocol));
      g_assert_cmpint (protocol, ==, i);
      g_assert_nonnull (tonic_protocol_get_label (i));
      g_assert_cmpstr (tonic_protocol_get_description (i), !=, "");
    }

  {
    TonicProtocol protocol = TONIC_PROTOCOL_IM;

    g_assert_false (tonic_protocol_from_string ("iv", &protocol));
    g_assert_false (tonic_protocol_from_string (NULL, &protocol));
    g_assert_cmpint (protocol, ==, TONIC_PROTOCOL_IM);
  }
}

static void
test_templates (void)
{
  static const struct
  {
    TonicProtocol  protocol;
    TonicRoute     route;
    TonicDoseMode  mode;
    double         dose;
    double         titration_min;
    double         titration_max;
    double         max_dose_mg;
    int            minutes;
    double         bag_ml;
    double         concentration;
    int            induction_count;
    int            induction_weeks;
    int            maintenance_min;
    int            maintenance_max;
    gboolean       rems;
  } expected[] = {
    { TONIC_PROTOCOL_IV_DEPRESSION, TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG,
      0.5, 0.5, 1.0, 120, 40, 100, 0, 6, 3, 2, 6, FALSE },
    { TONIC_PROTOCOL_IV_PAIN, TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG,
      1.0, 0.5, 2.0, 240, 240, 250, 0, 5, 1, 4, 8, FALSE },
    { TONIC_PROTOCOL_IM, TONIC_ROUTE_IM, TONIC_DOSE_MODE_PER_KG,
      0.75, 0.5, 1.0, 120, 0, 0, 50, 6, 3, 2, 6, FALSE },
    { TONIC_PROTOCOL_ESKETAMINE, TONIC_ROUTE_NASAL, TONIC_DOSE_MODE_FIXED,
      56, 56, 84, 84, 0, 0, 0, 8, 4, 1, 2, TRUE },
    { TONIC_PROTOCOL_CUSTOM, TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG,
      0.5, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, FALSE },
  };
  TonicIndication indications = TRD | TONIC_INDICATION_ANXIETY;
  TonicVitalsThresholds thresholds;
  TonicVitalsSchedule schedule;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_PROTOCOLS);

  tonic_vitals_thresholds_init_default (&thresholds);
  tonic_vitals_schedule_init_default (&schedule);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TonicPlan) plan = tonic_plan_new_from_protocol (expected[i].protocol, indications);

      g_test_message ("protocol %s", tonic_protocol_to_string (expected[i].protocol));

      g_assert_cmpint (plan->id, ==, 0);
      g_assert_cmpint (plan->course_id, ==, 0);
      g_assert_cmpint (plan->status, ==, TONIC_PLAN_STATUS_DRAFT);
      g_assert_cmpint (plan->protocol, ==, expected[i].protocol);
      g_assert_cmpuint (plan->indications, ==, indications);
      g_assert_cmpuint (plan->measures, ==, tonic_instrument_set_for_indications (indications));
      g_assert_cmpint (plan->route, ==, expected[i].route);
      g_assert_cmpint (plan->dose_mode, ==, expected[i].mode);
      g_assert_cmpfloat_with_epsilon (plan->dose, expected[i].dose, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->titration_min, expected[i].titration_min, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->titration_max, expected[i].titration_max, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->max_dose_mg, expected[i].max_dose_mg, 1e-9);
      g_assert_cmpint (plan->infusion_minutes, ==, expected[i].minutes);
      g_assert_cmpfloat_with_epsilon (plan->bag_ml, expected[i].bag_ml, 1e-9);
      g_assert_cmpfloat_with_epsilon (plan->concentration_mg_per_ml, expected[i].concentration, 1e-9);
      g_assert_cmpint (plan->induction_count, ==, expected[i].induction_count);
      g_assert_cmpint (plan->induction_weeks, ==, expected[i].induction_weeks);
      g_assert_cmpint (plan->maintenance_min_weeks, ==, expected[i].maintenance_min);
      g_assert_cmpint (plan->maintenance_max_weeks, ==, expected[i].maintenance_max);
      g_assert_cmpint (plan->weight_max_age_days, ==, TONIC_WEIGHT_MAX_AGE_DAYS);

      g_assert_cmpint (!!plan->vitals_schedule.rems, ==, expected[i].rems);
      g_assert_cmpint (plan->vitals_schedule.during_every, ==, schedule.during_every);
      g_assert_cmpint (plan->vitals_schedule.recovery_every, ==, schedule.recovery_every);
      g_assert_cmpint (plan->vitals_schedule.rems_check_minute, ==, schedule.rems_check_minute);
      g_assert_true (memcmp (&plan->thresholds, &thresholds, sizeof thresholds) == 0);

      for (guint j = 0; j < TONIC_N_SCREEN_ITEMS; j++)
        g_assert_cmpint (plan->screening[j], ==, UNANSWERED);
      g_assert_null (plan->override_reason);
      g_assert_null (plan->consent_date);
      g_assert_null (plan->goals);
      g_assert_null (plan->change_note);

      /* Every template but custom can be saved as it comes; custom asks
       * for an induction. */
      {
        g_autofree char *message = NULL;
        TonicPlanField field = TONIC_N_PLAN_FIELDS;

        message = tonic_plan_check (plan, TODAY, &field);
        if (expected[i].protocol == TONIC_PROTOCOL_CUSTOM)
          g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_INDUCTION);
        else if (message != NULL)
          g_error ("template %s: %s", tonic_protocol_to_string (expected[i].protocol), message);
      }
    }
}

static void
test_template_without_indications (void)
{
  g_autoptr(TonicPlan) plan = tonic_plan_new_from_protocol (TONIC_PROTOCOL_IV_PAIN,
                                                            TONIC_INDICATION_NONE);

  g_assert_cmpuint (plan->measures, ==, 0);
  assert_field_fails (plan, TONIC_PLAN_FIELD_MEASURES);
}

static void
test_boxed (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  TonicPlan *copy;

  g_assert_true (G_TYPE_IS_BOXED (TONIC_TYPE_PLAN));

  plan->override_reason = g_strdup ("Discussed with cardiology");
  plan->change_note = g_strdup ("Higher dose");
  plan->created_at = g_strdup ("2026-11-20T09:00:00Z");
  plan->created_by_name = g_strdup ("Dr Adaeze Nwosu");
  plan->signed_at = g_strdup ("2026-11-20T09:30:00Z");
  plan->signed_by_name = g_strdup ("Dr Adaeze Nwosu");

  copy = g_boxed_copy (TONIC_TYPE_PLAN, plan);
  g_assert_true (copy != plan);
  g_assert_true (copy->goals != plan->goals);
  g_assert_cmpstr (copy->goals, ==, plan->goals);
  g_assert_cmpstr (copy->consent_date, ==, plan->consent_date);
  g_assert_cmpstr (copy->signed_by_name, ==, plan->signed_by_name);
  g_assert_cmpuint (tonic_plan_diff (plan, copy), ==, 0);

  g_free (copy->goals);
  copy->goals = g_strdup ("Other goals");
  g_assert_cmpstr (plan->goals, ==, "PHQ-9 below 10 by the end of the induction.\nBack at work.");
  g_boxed_free (TONIC_TYPE_PLAN, copy);

  tonic_plan_free (NULL);
}

static void
test_strings (void)
{
  static const char *statuses[] = { "draft", "signed", "superseded", "ended" };
  static const char *phases[] = { "none", "induction", "maintenance", "ended" };
  TonicPlanStatus status;
  TonicCoursePhase phase;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_assert_cmpstr (tonic_plan_status_to_string (i), ==, statuses[i]);
      g_assert_true (tonic_plan_status_from_string (statuses[i], &status));
      g_assert_cmpint (status, ==, i);
      g_assert_cmpstr (tonic_plan_status_get_label (i), !=, "");
    }
  g_assert_false (tonic_plan_status_from_string ("active", &status));

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      g_assert_cmpstr (tonic_course_phase_to_string (i), ==, phases[i]);
      g_assert_true (tonic_course_phase_from_string (phases[i], &phase));
      g_assert_cmpint (phase, ==, i);
      g_assert_cmpstr (tonic_course_phase_get_label (i), !=, "");
    }
  g_assert_false (tonic_course_phase_from_string ("", &phase));

  g_assert_cmpstr (tonic_plan_field_to_string (TONIC_PLAN_FIELD_PROTOCOL), ==, "protocol");
  g_assert_cmpstr (tonic_plan_field_to_string (TONIC_PLAN_FIELD_MAX_DOSE), ==, "max-dose");
  g_assert_cmpstr (tonic_plan_field_to_string (TONIC_PLAN_FIELD_GOALS), ==, "goals");
  g_assert_cmpstr (tonic_plan_field_get_label (TONIC_PLAN_FIELD_INDUCTION), ==, "Induction");
  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    {
      g_assert_cmpstr (tonic_plan_field_to_string (i), !=, "");
      g_assert_cmpstr (tonic_plan_field_get_label (i), !=, "");
    }
}

/* --- screening ----------------------------------------------------------------- */

static void
test_screening_rules (void)
{
  static const struct
  {
    TonicScreenItem item;
    const char     *id;
    gboolean        requirement;
    gboolean        hard;            /* IV, IM, custom */
    gboolean        hard_esketamine;
  } expected[] = {
    { TONIC_SCREEN_HYPERTENSION_OR_HEART, "hypertension-or-heart", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_VASCULAR, "vascular", FALSE, FALSE, TRUE },
    { TONIC_SCREEN_PREGNANCY, "pregnancy", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_PSYCHOSIS, "psychosis", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_BIPOLAR_UNSTABILISED, "bipolar-unstabilised", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_SUBSTANCE_USE, "substance-use", FALSE, FALSE, FALSE },
    { TONIC_SCREEN_LIVER, "liver", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_PRESSURE, "pressure", FALSE, TRUE, TRUE },
    { TONIC_SCREEN_INTERACTING_DRUGS, "interacting-drugs", FALSE, FALSE, FALSE },
    { TONIC_SCREEN_CONSENT, "consent", TRUE, TRUE, TRUE },
    { TONIC_SCREEN_FASTING, "fasting", TRUE, FALSE, FALSE },
    { TONIC_SCREEN_DRIVER, "driver", TRUE, FALSE, FALSE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_SCREEN_ITEMS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TonicScreenItem item = expected[i].item;

      g_assert_cmpint (item, ==, i);
      g_assert_cmpstr (tonic_screen_item_to_string (item), ==, expected[i].id);
      g_assert_cmpstr (tonic_screen_item_get_label (item), !=, "");
      g_assert_cmpint (tonic_screen_item_is_requirement (item), ==, expected[i].requirement);

      for (TonicProtocol p = 0; p < TONIC_N_PROTOCOLS; p++)
        {
          gboolean hard = p == TONIC_PROTOCOL_ESKETAMINE ? expected[i].hard_esketamine
                                                         : expected[i].hard;
          TonicScreenAnswer bad = expected[i].requirement ? NO : YES;
          TonicScreenAnswer good = expected[i].requirement ? YES : NO;

          g_test_message ("%s under %s", expected[i].id, tonic_protocol_to_string (p));
          g_assert_cmpint (tonic_screen_item_is_hard (item, p), ==, hard);
          g_assert_true (tonic_screen_item_blocks (item, p, bad));
          g_assert_false (tonic_screen_item_blocks (item, p, good));
          /* Unanswered counts as bad for hard items only. */
          g_assert_cmpint (tonic_screen_item_blocks (item, p, UNANSWERED), ==, hard);
        }
    }
}

static void
test_blocking_and_warning_items (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  g_assert_cmpuint (tonic_plan_get_blocking_items (plan), ==, 0);
  g_assert_cmpuint (tonic_plan_get_warning_items (plan), ==, 0);

  plan->screening[TONIC_SCREEN_PREGNANCY] = YES;
  plan->screening[TONIC_SCREEN_CONSENT] = NO;
  plan->screening[TONIC_SCREEN_SUBSTANCE_USE] = YES;
  plan->screening[TONIC_SCREEN_DRIVER] = NO;
  plan->screening[TONIC_SCREEN_VASCULAR] = YES;
  plan->screening[TONIC_SCREEN_FASTING] = UNANSWERED;
  plan->screening[TONIC_SCREEN_LIVER] = UNANSWERED;

  g_assert_cmpuint (tonic_plan_get_blocking_items (plan), ==,
                    (1u << TONIC_SCREEN_PREGNANCY) | (1u << TONIC_SCREEN_CONSENT) |
                    (1u << TONIC_SCREEN_LIVER));
  g_assert_cmpuint (tonic_plan_get_warning_items (plan), ==,
                    (1u << TONIC_SCREEN_SUBSTANCE_USE) | (1u << TONIC_SCREEN_DRIVER) |
                    (1u << TONIC_SCREEN_VASCULAR));

  /* The vascular item blocks esketamine. */
  plan->protocol = TONIC_PROTOCOL_ESKETAMINE;
  g_assert_cmpuint (tonic_plan_get_blocking_items (plan) & (1u << TONIC_SCREEN_VASCULAR), !=, 0);
  g_assert_cmpuint (tonic_plan_get_warning_items (plan) & (1u << TONIC_SCREEN_VASCULAR), ==, 0);
}

static void
test_screening_format_parse (void)
{
  TonicScreenAnswer answers[TONIC_N_SCREEN_ITEMS];
  TonicScreenAnswer parsed[TONIC_N_SCREEN_ITEMS];
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    answers[i] = UNANSWERED;

  empty = tonic_plan_format_screening (answers);
  g_assert_cmpstr (empty, ==, "");
  g_assert_true (tonic_plan_parse_screening (empty, parsed));
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    g_assert_cmpint (parsed[i], ==, UNANSWERED);

  answers[TONIC_SCREEN_PREGNANCY] = NO;
  answers[TONIC_SCREEN_PSYCHOSIS] = YES;
  answers[TONIC_SCREEN_DRIVER] = YES;
  text = tonic_plan_format_screening (answers);
  g_assert_cmpstr (text, ==, "pregnancy=no;psychosis=yes;driver=yes");

  memset (parsed, 0xff, sizeof parsed);
  g_assert_true (tonic_plan_parse_screening (text, parsed));
  g_assert_true (memcmp (parsed, answers, sizeof answers) == 0);

  /* Every item, both answers. */
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    answers[i] = i % 2 ? YES : NO;
  g_clear_pointer (&text, g_free);
  text = tonic_plan_format_screening (answers);
  g_assert_true (tonic_plan_parse_screening (text, parsed));
  g_assert_true (memcmp (parsed, answers, sizeof answers) == 0);

  /* Order, white space and empty parts do not matter; NULL is nothing. */
  g_assert_true (tonic_plan_parse_screening (" driver=yes ;; consent=no;", parsed));
  g_assert_cmpint (parsed[TONIC_SCREEN_DRIVER], ==, YES);
  g_assert_cmpint (parsed[TONIC_SCREEN_CONSENT], ==, NO);
  g_assert_cmpint (parsed[TONIC_SCREEN_PREGNANCY], ==, UNANSWERED);
  g_assert_true (tonic_plan_parse_screening (NULL, parsed));
  g_assert_cmpint (parsed[TONIC_SCREEN_DRIVER], ==, UNANSWERED);

  /* Unknown ids and answers are refused; the known ones are kept. */
  g_assert_false (tonic_plan_parse_screening ("pregnancy=no;heart=yes", parsed));
  g_assert_cmpint (parsed[TONIC_SCREEN_PREGNANCY], ==, NO);
  g_assert_false (tonic_plan_parse_screening ("pregnancy=maybe", parsed));
  g_assert_cmpint (parsed[TONIC_SCREEN_PREGNANCY], ==, UNANSWERED);
  g_assert_false (tonic_plan_parse_screening ("pregnancy", parsed));
  g_assert_false (tonic_plan_parse_screening ("pregnancy=", parsed));
  g_assert_false (tonic_plan_parse_screening ("=yes", parsed));
  g_assert_false (tonic_plan_parse_screening ("pregnancy=unanswered", parsed));
  g_assert_false (tonic_plan_parse_screening ("Pregnancy=YES", parsed));
  g_assert_false (tonic_plan_parse_screening ("driver = yes", parsed));
}

/* --- checks ------------------------------------------------------------------ */

static void
test_check_valid (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  TonicPlanField field = TONIC_PLAN_FIELD_GOALS;

  g_assert_null (tonic_plan_check (plan, TODAY, &field));
  g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_GOALS);
  g_assert_null (tonic_plan_check (plan, TODAY, NULL));
  g_assert_null (tonic_plan_check (plan, NULL, NULL));
  g_assert_null (tonic_plan_check_signable (plan, TODAY, &field));
  g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_GOALS);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    assert_field_passes (plan, i);
}

static void
test_check_protocol_and_sets (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  plan->protocol = TONIC_N_PROTOCOLS;
  {
    g_autofree char *message = tonic_plan_check_field (plan, TONIC_PLAN_FIELD_PROTOCOL, TODAY);
    g_assert_nonnull (message);
  }
  plan->protocol = TONIC_PROTOCOL_CUSTOM;
  assert_field_passes (plan, TONIC_PLAN_FIELD_PROTOCOL);

  plan->indications = TONIC_INDICATION_ALL + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INDICATIONS);
  plan->indications = TONIC_INDICATION_NONE;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDICATIONS);
  plan->indications = TONIC_INDICATION_ALL;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDICATIONS);

  plan->measures = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MEASURES);
  plan->measures = TONIC_INSTRUMENT_BIT (TONIC_N_INSTRUMENTS);
  assert_field_fails (plan, TONIC_PLAN_FIELD_MEASURES);
  plan->measures = TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_PAIN_NRS);
  assert_field_passes (plan, TONIC_PLAN_FIELD_MEASURES);
}

static void
test_check_phases (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  plan->induction_count = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_count = TONIC_PLAN_INDUCTION_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_count = 1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_count = TONIC_PLAN_INDUCTION_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDUCTION);

  plan->induction_weeks = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_weeks = TONIC_PLAN_WEEKS_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_weeks = TONIC_PLAN_WEEKS_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDUCTION);
  plan->induction_weeks = 1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INDUCTION);

  plan->maintenance_min_weeks = 0;
  plan->maintenance_max_weeks = 0;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAINTENANCE);
  plan->maintenance_max_weeks = TONIC_PLAN_WEEKS_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAINTENANCE);
  plan->maintenance_max_weeks = TONIC_PLAN_WEEKS_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MAINTENANCE);
  plan->maintenance_min_weeks = -1;
  plan->maintenance_max_weeks = 4;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MAINTENANCE);
  plan->maintenance_min_weeks = 5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MAINTENANCE);
  plan->maintenance_min_weeks = 4;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAINTENANCE);
}

static void
test_check_route_and_dose (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autoptr(TonicPlan) nasal = tonic_plan_new_from_protocol (TONIC_PROTOCOL_ESKETAMINE, TRD);
  g_autofree char *zero = NULL;
  g_autofree char *devices = NULL;

  plan->route = TONIC_N_ROUTES;
  assert_field_fails (plan, TONIC_PLAN_FIELD_ROUTE);
  plan->route = TONIC_ROUTE_IV;

  /* Per kg: more than 0, at most 5 mg/kg, within the titration range. */
  plan->titration_min = plan->titration_max = 0;
  plan->dose = 0;
  zero = tonic_plan_check_field (plan, TONIC_PLAN_FIELD_DOSE, TODAY);
  g_assert_cmpstr (zero, ==, "The dose must be more than 0 mg/kg");
  assert_field_fails (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose = -0.5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose = TONIC_DOSE_MG_PER_KG_MAX + 0.01;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose = TONIC_DOSE_MG_PER_KG_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose = 0.01;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DOSE);

  /* Fixed: up to 1000 mg. */
  plan->dose_mode = TONIC_DOSE_MODE_FIXED;
  plan->dose = 0;
  {
    g_autofree char *message = tonic_plan_check_field (plan, TONIC_PLAN_FIELD_DOSE, TODAY);
    g_assert_cmpstr (message, ==, "The dose must be more than 0 mg");
  }
  plan->dose = TONIC_DOSE_MG_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose = TONIC_DOSE_MG_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DOSE);
  plan->dose_mode = 7;
  plan->dose = 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DOSE);

  /* Nasal: a fixed dose of whole 28 mg devices. */
  g_assert_null (tonic_plan_check (nasal, TODAY, NULL));
  nasal->dose = 84;
  assert_field_passes (nasal, TONIC_PLAN_FIELD_DOSE);
  nasal->dose = 28;
  assert_field_passes (nasal, TONIC_PLAN_FIELD_DOSE);
  nasal->dose = 60;
  devices = tonic_plan_check_field (nasal, TONIC_PLAN_FIELD_DOSE, TODAY);
  g_assert_cmpstr (devices, ==, "Nasal spray doses come in 28 mg devices: use 56 or 84 mg");
  nasal->titration_min = nasal->titration_max = 0;
  assert_field_fails (nasal, TONIC_PLAN_FIELD_DOSE);
  nasal->dose = 56;
  nasal->dose_mode = TONIC_DOSE_MODE_PER_KG;
  nasal->max_dose_mg = 0;
  nasal->dose = 0.5;
  assert_field_fails (nasal, TONIC_PLAN_FIELD_DOSE);
}

static void
test_check_titration (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autofree char *outside = NULL;

  /* No range at all is fine. */
  plan->titration_min = plan->titration_max = 0;
  assert_field_passes (plan, TONIC_PLAN_FIELD_TITRATION);

  plan->titration_min = 0.5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->titration_min = 0;
  plan->titration_max = 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->titration_min = -0.5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);

  plan->titration_min = 1;
  plan->titration_max = 0.5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);

  plan->titration_min = 0.5;
  plan->titration_max = TONIC_DOSE_MG_PER_KG_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);

  /* The dose within the range, ends included. */
  plan->titration_max = 1;
  plan->dose = 0.5;
  assert_field_passes (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->dose = 1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->dose = 1.1;
  outside = tonic_plan_check_field (plan, TONIC_PLAN_FIELD_TITRATION, TODAY);
  g_assert_cmpstr (outside, ==, "The dose must be within the titration range, 0.5–1 mg/kg");
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->dose = 0.4;
  assert_field_fails (plan, TONIC_PLAN_FIELD_TITRATION);
  plan->titration_min = plan->titration_max = 0.4;
  assert_field_passes (plan, TONIC_PLAN_FIELD_TITRATION);
}

static void
test_check_max_dose (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autoptr(TonicPlan) nasal = tonic_plan_new_from_protocol (TONIC_PROTOCOL_ESKETAMINE, TRD);

  plan->max_dose_mg = 0;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAX_DOSE);
  plan->max_dose_mg = -1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MAX_DOSE);
  plan->max_dose_mg = TONIC_DOSE_MG_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAX_DOSE);
  plan->max_dose_mg = TONIC_DOSE_MG_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_MAX_DOSE);
  /* Per kg: a maximum in mg is not compared with a dose in mg/kg. */
  plan->max_dose_mg = 0.1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_MAX_DOSE);

  /* Fixed: not below the dose. */
  nasal->max_dose_mg = 56;
  assert_field_passes (nasal, TONIC_PLAN_FIELD_MAX_DOSE);
  nasal->max_dose_mg = 55;
  assert_field_fails (nasal, TONIC_PLAN_FIELD_MAX_DOSE);
  nasal->max_dose_mg = 0;
  assert_field_passes (nasal, TONIC_PLAN_FIELD_MAX_DOSE);
}

static void
test_check_infusion_and_dilution (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autoptr(TonicPlan) im = tonic_plan_new_from_protocol (TONIC_PROTOCOL_IM, TRD);

  plan->infusion_minutes = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INFUSION_MINUTES);
  plan->infusion_minutes = 1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INFUSION_MINUTES);
  plan->infusion_minutes = 24 * 60;
  assert_field_passes (plan, TONIC_PLAN_FIELD_INFUSION_MINUTES);
  plan->infusion_minutes = 24 * 60 + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_INFUSION_MINUTES);
  plan->infusion_minutes = 40;

  assert_field_passes (im, TONIC_PLAN_FIELD_INFUSION_MINUTES);
  im->infusion_minutes = 10;
  assert_field_fails (im, TONIC_PLAN_FIELD_INFUSION_MINUTES);

  plan->bag_ml = 0;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->bag_ml = TONIC_BAG_ML_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->bag_ml = TONIC_BAG_ML_MAX + 1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->bag_ml = -100;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->bag_ml = 100;

  plan->concentration_mg_per_ml = TONIC_CONCENTRATION_MAX;
  assert_field_passes (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->concentration_mg_per_ml = TONIC_CONCENTRATION_MAX + 0.5;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DILUTION);
  plan->concentration_mg_per_ml = -1;
  assert_field_fails (plan, TONIC_PLAN_FIELD_DILUTION);
}

static void
test_check_weight_schedule_thresholds (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  plan->weight_max_age_days = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_WEIGHT_AGE);
  plan->weight_max_age_days = 366;
  assert_field_fails (plan, TONIC_PLAN_FIELD_WEIGHT_AGE);
  plan->weight_max_age_days = 1;
  assert_field_passes (plan, TONIC_PLAN_FIELD_WEIGHT_AGE);
  plan->weight_max_age_days = 365;
  assert_field_passes (plan, TONIC_PLAN_FIELD_WEIGHT_AGE);

  plan->vitals_schedule.during_every = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.during_every = 61;
  assert_field_fails (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.during_every = 60;
  assert_field_passes (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.recovery_every = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  /* With REMS the intervals are not used, the check minute is. */
  plan->vitals_schedule.rems = TRUE;
  assert_field_passes (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.rems_check_minute = 0;
  assert_field_fails (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.rems_check_minute = 121;
  assert_field_fails (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  plan->vitals_schedule.rems_check_minute = 120;
  assert_field_passes (plan, TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  tonic_vitals_schedule_init_default (&plan->vitals_schedule);

  /* A warning above its alarm makes no sense. */
  plan->thresholds.warn_systolic_at = plan->thresholds.alarm_systolic_at + 10;
  assert_field_fails (plan, TONIC_PLAN_FIELD_THRESHOLDS);
  tonic_vitals_thresholds_init_default (&plan->thresholds);
  assert_field_passes (plan, TONIC_PLAN_FIELD_THRESHOLDS);
}

static void
test_check_screening_and_texts (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autofree char *long_text = NULL;

  plan->screening[TONIC_SCREEN_LIVER] = 3;
  assert_field_fails (plan, TONIC_PLAN_FIELD_SCREENING);
  plan->screening[TONIC_SCREEN_LIVER] = UNANSWERED;
  assert_field_passes (plan, TONIC_PLAN_FIELD_SCREENING);

  long_text = g_strnfill (TONIC_PLAN_TEXT_MAX, 'a');
  plan->override_reason = g_strdup (long_text);
  assert_field_passes (plan, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  g_free (plan->override_reason);
  plan->override_reason = g_strconcat (long_text, "a", NULL);
  assert_field_fails (plan, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  g_free (plan->override_reason);
  plan->override_reason = g_strdup ("Cardiology cleared\x07 her");
  assert_field_fails (plan, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  g_free (plan->override_reason);
  plan->override_reason = g_strdup ("Cardiology cleared her.\nBP controlled on two drugs.\t");
  assert_field_passes (plan, TONIC_PLAN_FIELD_OVERRIDE_REASON);

  g_free (plan->goals);
  plan->goals = g_strdup ("Remission \x1b[31m");
  assert_field_fails (plan, TONIC_PLAN_FIELD_GOALS);
  g_free (plan->goals);
  plan->goals = g_strconcat (long_text, "é", NULL);
  assert_field_fails (plan, TONIC_PLAN_FIELD_GOALS);
  g_free (plan->goals);
  plan->goals = NULL;
  assert_field_passes (plan, TONIC_PLAN_FIELD_GOALS);

  /* The change note is checked with the goals. */
  plan->change_note = g_strdup ("Dose up\x01");
  assert_field_fails (plan, TONIC_PLAN_FIELD_GOALS);
  g_free (plan->change_note);
  plan->change_note = g_strdup ("Dose up after a partial response");
  assert_field_passes (plan, TONIC_PLAN_FIELD_GOALS);
}

static void
test_check_consent_date (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  const char *bad[] = { "2026-02-30", "20-11-2026", "2026-11-2", "yesterday", "2026-11-20T10:00:00Z" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_free (plan->consent_date);
      plan->consent_date = g_strdup (bad[i]);
      assert_field_fails (plan, TONIC_PLAN_FIELD_CONSENT_DATE);
    }

  g_free (plan->consent_date);
  plan->consent_date = g_strdup ("2026-11-24");
  assert_field_fails (plan, TONIC_PLAN_FIELD_CONSENT_DATE);
  g_free (plan->consent_date);
  plan->consent_date = g_strdup (TODAY);
  assert_field_passes (plan, TONIC_PLAN_FIELD_CONSENT_DATE);
  g_free (plan->consent_date);
  plan->consent_date = g_strdup ("");
  assert_field_passes (plan, TONIC_PLAN_FIELD_CONSENT_DATE);
  g_clear_pointer (&plan->consent_date, g_free);
  assert_field_passes (plan, TONIC_PLAN_FIELD_CONSENT_DATE);
}

static void
test_check_first_failure (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autofree char *message = NULL;
  TonicPlanField field = TONIC_N_PLAN_FIELDS;

  plan->weight_max_age_days = 0;
  plan->induction_count = 0;
  g_free (plan->goals);
  plan->goals = g_strdup ("\x02");

  message = tonic_plan_check (plan, TODAY, &field);
  g_assert_nonnull (message);
  g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_INDUCTION);
}

static void
test_check_signable (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();
  g_autoptr(TonicPlan) nasal = NULL;
  TonicPlanField field;

  /* Missing consent date. */
  g_clear_pointer (&plan->consent_date, g_free);
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_CONSENT_DATE);
  }
  plan->consent_date = g_strdup ("  ");
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_CONSENT_DATE);
  }
  g_free (plan->consent_date);
  plan->consent_date = g_strdup ("2026-11-20");
  g_assert_null (tonic_plan_check_signable (plan, TODAY, NULL));

  /* An unanswered hard item: answer it first. */
  plan->screening[TONIC_SCREEN_PSYCHOSIS] = UNANSWERED;
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_SCREENING);
  }
  /* An unanswered warning item is fine. */
  plan->screening[TONIC_SCREEN_PSYCHOSIS] = NO;
  plan->screening[TONIC_SCREEN_SUBSTANCE_USE] = UNANSWERED;
  plan->screening[TONIC_SCREEN_VASCULAR] = UNANSWERED;
  g_assert_null (tonic_plan_check_signable (plan, TODAY, NULL));
  /* Answered badly, a warning item is still fine. */
  plan->screening[TONIC_SCREEN_INTERACTING_DRUGS] = YES;
  plan->screening[TONIC_SCREEN_DRIVER] = NO;
  g_assert_null (tonic_plan_check_signable (plan, TODAY, NULL));

  /* A blocking item needs an override reason, blank is not one. */
  plan->screening[TONIC_SCREEN_HYPERTENSION_OR_HEART] = YES;
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  }
  plan->override_reason = g_strdup (" \n ");
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  }
  g_free (plan->override_reason);
  plan->override_reason = g_strdup ("Cardiology: BP controlled on two drugs");
  g_assert_null (tonic_plan_check_signable (plan, TODAY, NULL));

  /* Consent answered "no" blocks too. */
  plan->screening[TONIC_SCREEN_HYPERTENSION_OR_HEART] = NO;
  plan->screening[TONIC_SCREEN_CONSENT] = NO;
  g_clear_pointer (&plan->override_reason, g_free);
  {
    g_autofree char *message = tonic_plan_check_signable (plan, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  }

  /* The vascular item must be answered for esketamine, and blocks it. */
  nasal = tonic_plan_new_from_protocol (TONIC_PROTOCOL_ESKETAMINE, TRD);
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    nasal->screening[i] = tonic_screen_item_is_requirement (i) ? YES : NO;
  nasal->consent_date = g_strdup ("2026-11-01");
  g_assert_null (tonic_plan_check_signable (nasal, TODAY, NULL));
  nasal->screening[TONIC_SCREEN_VASCULAR] = UNANSWERED;
  {
    g_autofree char *message = tonic_plan_check_signable (nasal, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_SCREENING);
  }
  nasal->screening[TONIC_SCREEN_VASCULAR] = YES;
  {
    g_autofree char *message = tonic_plan_check_signable (nasal, TODAY, &field);
    g_assert_nonnull (message);
    g_assert_cmpint (field, ==, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  }
}

/* --- diff ------------------------------------------------------------------ */

static void
change_field (TonicPlan      *plan,
              TonicPlanField  field)
{
  switch (field)
    {
    case TONIC_PLAN_FIELD_PROTOCOL:
      plan->protocol = TONIC_PROTOCOL_CUSTOM;
      break;
    case TONIC_PLAN_FIELD_INDICATIONS:
      plan->indications |= TONIC_INDICATION_PTSD;
      break;
    case TONIC_PLAN_FIELD_MEASURES:
      plan->measures ^= TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_GAD7);
      break;
    case TONIC_PLAN_FIELD_INDUCTION:
      plan->induction_weeks++;
      break;
    case TONIC_PLAN_FIELD_MAINTENANCE:
      plan->maintenance_min_weeks++;
      break;
    case TONIC_PLAN_FIELD_ROUTE:
      plan->route = TONIC_ROUTE_IM;
      break;
    case TONIC_PLAN_FIELD_DOSE:
      plan->dose += 0.05;
      break;
    case TONIC_PLAN_FIELD_TITRATION:
      plan->titration_max = 1.5;
      break;
    case TONIC_PLAN_FIELD_MAX_DOSE:
      plan->max_dose_mg = 150;
      break;
    case TONIC_PLAN_FIELD_INFUSION_MINUTES:
      plan->infusion_minutes = 60;
      break;
    case TONIC_PLAN_FIELD_DILUTION:
      plan->concentration_mg_per_ml = 10;
      break;
    case TONIC_PLAN_FIELD_WEIGHT_AGE:
      plan->weight_max_age_days = 14;
      break;
    case TONIC_PLAN_FIELD_VITALS_SCHEDULE:
      plan->vitals_schedule.recovery_every = 30;
      break;
    case TONIC_PLAN_FIELD_THRESHOLDS:
      plan->thresholds.spo2_below = 90;
      break;
    case TONIC_PLAN_FIELD_SCREENING:
      plan->screening[TONIC_SCREEN_DRIVER] = UNANSWERED;
      break;
    case TONIC_PLAN_FIELD_OVERRIDE_REASON:
      plan->override_reason = g_strdup ("Discussed");
      break;
    case TONIC_PLAN_FIELD_CONSENT_DATE:
      g_free (plan->consent_date);
      plan->consent_date = g_strdup ("2026-11-21");
      break;
    case TONIC_PLAN_FIELD_GOALS:
      g_free (plan->goals);
      plan->goals = g_strdup ("Fewer days in bed");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_diff (void)
{
  g_autoptr(TonicPlan) old_plan = make_valid_plan ();

  g_assert_cmpuint (tonic_plan_diff (old_plan, old_plan), ==, 0);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    {
      g_autoptr(TonicPlan) new_plan = tonic_plan_copy (old_plan);

      g_test_message ("field %s", tonic_plan_field_to_string (i));
      change_field (new_plan, i);
      g_assert_cmpuint (tonic_plan_diff (old_plan, new_plan), ==, 1u << i);
      g_assert_cmpuint (tonic_plan_diff (new_plan, old_plan), ==, 1u << i);
    }

  /* What does not count: ids, who and when, the change note, NULL vs ""
   * and doubles within rounding; a REMS flag of another truth value. */
  {
    g_autoptr(TonicPlan) same = tonic_plan_copy (old_plan);

    same->id = 12;
    same->version = 3;
    same->status = TONIC_PLAN_STATUS_SIGNED;
    same->change_note = g_strdup ("Nothing");
    same->signed_by_name = g_strdup ("Dr Nwosu");
    same->override_reason = g_strdup ("");
    same->dose += 1e-9;
    same->bag_ml += 1e-9;
    same->vitals_schedule.rems = old_plan->vitals_schedule.rems ? 2 : 0;
    g_assert_cmpuint (tonic_plan_diff (old_plan, same), ==, 0);
  }

  /* Several at once. */
  {
    g_autoptr(TonicPlan) changed = tonic_plan_copy (old_plan);

    changed->dose = 0.75;
    changed->max_dose_mg = 90;
    changed->dose_mode = TONIC_DOSE_MODE_FIXED;
    g_assert_cmpuint (tonic_plan_diff (old_plan, changed), ==,
                      (1u << TONIC_PLAN_FIELD_DOSE) | (1u << TONIC_PLAN_FIELD_MAX_DOSE));
  }
}

static void
test_format_diff (void)
{
  g_autofree char *none = tonic_plan_format_diff (0);
  g_autofree char *two = tonic_plan_format_diff ((1u << TONIC_PLAN_FIELD_MAX_DOSE) |
                                                 (1u << TONIC_PLAN_FIELD_DOSE));
  g_autofree char *one = tonic_plan_format_diff (1u << TONIC_PLAN_FIELD_GOALS);
  g_autofree char *all = tonic_plan_format_diff ((1u << TONIC_N_PLAN_FIELDS) - 1);
  g_auto(GStrv) parts = NULL;

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (two, ==, "Dose, Maximum dose");
  g_assert_cmpstr (one, ==, "Goals");

  parts = g_strsplit (all, ", ", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, TONIC_N_PLAN_FIELDS);
  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    g_assert_cmpstr (parts[i], ==, tonic_plan_field_get_label (i));
}

/* --- dose in words --------------------------------------------------------------- */

static void
test_format_dose (void)
{
  static const struct
  {
    TonicProtocol  protocol;
    double         dose;
    int            minutes;
    const char    *expected;
  } cases[] = {
    { TONIC_PROTOCOL_IV_DEPRESSION, 0.5, 40, "0.5 mg/kg IV over 40 min" },
    { TONIC_PROTOCOL_IV_PAIN, 1.0, 240, "1 mg/kg IV over 240 min" },
    { TONIC_PROTOCOL_IV_PAIN, 1.25, 120, "1.25 mg/kg IV over 120 min" },
    { TONIC_PROTOCOL_IV_DEPRESSION, 0.5, 0, "0.5 mg/kg IV" },
    { TONIC_PROTOCOL_IM, 0.75, 0, "0.75 mg/kg IM" },
    { TONIC_PROTOCOL_IM, 0.8, 0, "0.8 mg/kg IM" },
    { TONIC_PROTOCOL_ESKETAMINE, 56, 0, "56 mg nasal spray" },
    { TONIC_PROTOCOL_ESKETAMINE, 84, 0, "84 mg nasal spray" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TonicPlan) plan = tonic_plan_new_from_protocol (cases[i].protocol, TRD);
      g_autofree char *text = NULL;

      plan->dose = cases[i].dose;
      plan->infusion_minutes = cases[i].minutes;
      text = tonic_plan_format_dose (plan);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autoptr(TonicPlan) plan = tonic_plan_new_from_protocol (TONIC_PROTOCOL_CUSTOM, TRD);
    g_autofree char *text = NULL;

    plan->dose_mode = TONIC_DOSE_MODE_FIXED;
    plan->dose = 100;
    text = tonic_plan_format_dose (plan);
    g_assert_cmpstr (text, ==, "100 mg IV over 40 min");
  }
}

/* --- course phase and scale due dates ---------------------------------------------- */

static void
test_course_phase (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  g_assert_cmpint (tonic_course_get_phase (NULL, 0), ==, TONIC_COURSE_PHASE_NONE);
  g_assert_cmpint (tonic_course_get_phase (NULL, 10), ==, TONIC_COURSE_PHASE_NONE);

  /* A draft is no signed plan. */
  g_assert_cmpint (tonic_course_get_phase (plan, 0), ==, TONIC_COURSE_PHASE_NONE);

  plan->status = TONIC_PLAN_STATUS_SIGNED;
  g_assert_cmpint (plan->induction_count, ==, 6);
  for (guint n = 0; n < 6; n++)
    g_assert_cmpint (tonic_course_get_phase (plan, n), ==, TONIC_COURSE_PHASE_INDUCTION);
  g_assert_cmpint (tonic_course_get_phase (plan, 6), ==, TONIC_COURSE_PHASE_MAINTENANCE);
  g_assert_cmpint (tonic_course_get_phase (plan, 40), ==, TONIC_COURSE_PHASE_MAINTENANCE);

  plan->status = TONIC_PLAN_STATUS_SUPERSEDED;
  g_assert_cmpint (tonic_course_get_phase (plan, 2), ==, TONIC_COURSE_PHASE_INDUCTION);

  plan->status = TONIC_PLAN_STATUS_ENDED;
  g_assert_cmpint (tonic_course_get_phase (plan, 0), ==, TONIC_COURSE_PHASE_ENDED);
  g_assert_cmpint (tonic_course_get_phase (plan, 6), ==, TONIC_COURSE_PHASE_ENDED);

  /* No induction: boosters from the start. */
  plan->status = TONIC_PLAN_STATUS_SIGNED;
  plan->induction_count = 0;
  g_assert_cmpint (tonic_course_get_phase (plan, 0), ==, TONIC_COURSE_PHASE_MAINTENANCE);
}

static void
assert_due (const TonicPlan  *plan,
            TonicCoursePhase  phase,
            const char       *signed_on,
            const char       *scored_on,
            const char       *expected)
{
  g_autofree char *due = tonic_course_get_scale_due_on (plan, phase, signed_on, scored_on);

  g_assert_cmpstr (due, ==, expected);
}

static void
test_scale_due (void)
{
  g_autoptr(TonicPlan) plan = make_valid_plan ();

  plan->status = TONIC_PLAN_STATUS_SIGNED;

  /* Induction: weekly. */
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, "2026-11-01", "2026-11-20", "2026-11-27");
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, "2026-11-01", "2026-12-28", "2027-01-04");
  /* Maintenance: the longest booster interval, 6 weeks. */
  assert_due (plan, TONIC_COURSE_PHASE_MAINTENANCE, "2026-11-01", "2026-11-20", "2027-01-01");
  plan->maintenance_max_weeks = 0;
  assert_due (plan, TONIC_COURSE_PHASE_MAINTENANCE, "2026-11-01", "2026-11-20", "2026-11-27");
  plan->maintenance_max_weeks = 6;

  /* Never scored: due the day the plan was signed. */
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, "2026-11-01", NULL, "2026-11-01");
  assert_due (plan, TONIC_COURSE_PHASE_MAINTENANCE, "2026-11-01", "", "2026-11-01");
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, NULL, NULL, NULL);

  /* Moments are read as their date. */
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, "2026-11-01T12:00:00Z", NULL, "2026-11-01");
  assert_due (plan, TONIC_COURSE_PHASE_INDUCTION, "2026-11-01", "2026-11-20T12:00:00Z",
              "2026-11-27");

  /* Nothing is due without a course, or after it ended. */
  assert_due (plan, TONIC_COURSE_PHASE_NONE, "2026-11-01", "2026-11-20", NULL);
  assert_due (plan, TONIC_COURSE_PHASE_ENDED, "2026-11-01", "2026-11-20", NULL);
  assert_due (NULL, TONIC_COURSE_PHASE_NONE, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Moments in the due-date tests are read in local time at noon UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/protocol-strings", test_protocol_strings);
  g_test_add_func ("/plan/templates", test_templates);
  g_test_add_func ("/plan/template-without-indications", test_template_without_indications);
  g_test_add_func ("/plan/boxed", test_boxed);
  g_test_add_func ("/plan/strings", test_strings);
  g_test_add_func ("/plan/screening/rules", test_screening_rules);
  g_test_add_func ("/plan/screening/blocking-and-warning", test_blocking_and_warning_items);
  g_test_add_func ("/plan/screening/format-parse", test_screening_format_parse);
  g_test_add_func ("/plan/check/valid", test_check_valid);
  g_test_add_func ("/plan/check/protocol-and-sets", test_check_protocol_and_sets);
  g_test_add_func ("/plan/check/phases", test_check_phases);
  g_test_add_func ("/plan/check/route-and-dose", test_check_route_and_dose);
  g_test_add_func ("/plan/check/titration", test_check_titration);
  g_test_add_func ("/plan/check/max-dose", test_check_max_dose);
  g_test_add_func ("/plan/check/infusion-and-dilution", test_check_infusion_and_dilution);
  g_test_add_func ("/plan/check/weight-schedule-thresholds", test_check_weight_schedule_thresholds);
  g_test_add_func ("/plan/check/screening-and-texts", test_check_screening_and_texts);
  g_test_add_func ("/plan/check/consent-date", test_check_consent_date);
  g_test_add_func ("/plan/check/first-failure", test_check_first_failure);
  g_test_add_func ("/plan/check/signable", test_check_signable);
  g_test_add_func ("/plan/diff", test_diff);
  g_test_add_func ("/plan/format-diff", test_format_diff);
  g_test_add_func ("/plan/format-dose", test_format_dose);
  g_test_add_func ("/plan/course-phase", test_course_phase);
  g_test_add_func ("/plan/scale-due", test_scale_due);

  return g_test_run ();
}
