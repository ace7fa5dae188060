/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dose"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tonic-dose.h"

/* The CLINICAL.md inputs: 0.5 mg/kg × 80 kg in a 100 mL bag over 40 min. */
static void
clinical_input (TonicDoseInput *input)
{
  memset (input, 0, sizeof *input);
  input->route = TONIC_ROUTE_IV;
  input->mode = TONIC_DOSE_MODE_PER_KG;
  input->mg_per_kg = 0.5;
  input->weight_kg = 80.0;
  input->bag_ml = 100.0;
  input->minutes = 40;
}

static void
fixed_input (TonicDoseInput *input,
             TonicRoute      route,
             double          mg)
{
  memset (input, 0, sizeof *input);
  input->route = route;
  input->mode = TONIC_DOSE_MODE_FIXED;
  input->fixed_mg = mg;
}

/* Calculates @input, which must succeed, into @result. */
static void
calculate_ok (const TonicDoseInput *input,
              TonicDoseResult      *result)
{
  g_autofree char *message = tonic_dose_calculate (input, result);

  g_assert_null (message);
  g_assert_nonnull (result->working);
}

static void
assert_cleared (const TonicDoseResult *result)
{
  g_assert_cmpfloat (result->dose_mg, ==, 0.0);
  g_assert_cmpfloat (result->concentration_mg_per_ml, ==, 0.0);
  g_assert_cmpfloat (result->volume_ml, ==, 0.0);
  g_assert_cmpfloat (result->rate_ml_per_hour, ==, 0.0);
  g_assert_cmpuint (result->devices, ==, 0);
  g_assert_false (result->over_max);
  g_assert_null (result->working);
}

/* Calculates @input, which must fail with @expected, leaving the result
 * cleared. */
static void
calculate_refused (const TonicDoseInput *input,
                   const char           *expected)
{
  TonicDoseResult result;
  g_autofree char *message = NULL;

  memset (&result, 0xAA, sizeof result);
  message = tonic_dose_calculate (input, &result);
  g_assert_cmpstr (message, ==, expected);
  assert_cleared (&result);
}

/* --- routes and modes ----------------------------------------------------- */

static void
test_routes (void)
{
  static const struct
  {
    TonicRoute  route;
    const char *id;
  } expected[] = {
    { TONIC_ROUTE_IV, "iv" },
    { TONIC_ROUTE_IM, "im" },
    { TONIC_ROUTE_NASAL, "nasal" },
  };
  GEnumClass *enum_class = g_type_class_ref (TONIC_TYPE_ROUTE);
  TonicRoute route = TONIC_ROUTE_IM;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_ROUTES);

  for (guint i = 0; i < TONIC_N_ROUTES; i++)
    {
      TonicRoute parsed = 99;
      GEnumValue *value = g_enum_get_value (enum_class, expected[i].route);

      g_assert_cmpint (expected[i].route, ==, i);
      g_assert_cmpstr (tonic_route_to_string (i), ==, expected[i].id);
      g_assert_true (tonic_route_from_string (expected[i].id, &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpstr (tonic_route_get_label (i), !=, "");
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, expected[i].id);
    }

  g_assert_false (tonic_route_from_string ("IV", &route));
  g_assert_false (tonic_route_from_string (NULL, &route));
  g_assert_cmpint (route, ==, TONIC_ROUTE_IM);

  g_type_class_unref (enum_class);
}

static void
test_modes (void)
{
  GEnumClass *enum_class = g_type_class_ref (TONIC_TYPE_DOSE_MODE);
  TonicDoseMode mode = TONIC_DOSE_MODE_FIXED;

  g_assert_cmpstr (tonic_dose_mode_to_string (TONIC_DOSE_MODE_PER_KG), ==, "per-kg");
  g_assert_cmpstr (tonic_dose_mode_to_string (TONIC_DOSE_MODE_FIXED), ==, "fixed");
  g_assert_true (tonic_dose_mode_from_string ("per-kg", &mode));
  g_assert_cmpint (mode, ==, TONIC_DOSE_MODE_PER_KG);
  g_assert_true (tonic_dose_mode_from_string ("fixed", &mode));
  g_assert_cmpint (mode, ==, TONIC_DOSE_MODE_FIXED);
  g_assert_false (tonic_dose_mode_from_string ("per_kg", &mode));
  g_assert_false (tonic_dose_mode_from_string (NULL, &mode));
  g_assert_cmpint (mode, ==, TONIC_DOSE_MODE_FIXED);
  g_assert_cmpstr (tonic_dose_mode_get_label (TONIC_DOSE_MODE_PER_KG), !=,
                   tonic_dose_mode_get_label (TONIC_DOSE_MODE_FIXED));

  g_assert_cmpstr (g_enum_get_value (enum_class, TONIC_DOSE_MODE_PER_KG)->value_nick, ==, "per-kg");
  g_assert_cmpstr (g_enum_get_value (enum_class, TONIC_DOSE_MODE_FIXED)->value_nick, ==, "fixed");
  g_assert_cmpuint (enum_class->n_values, ==, TONIC_N_DOSE_MODES);

  g_type_class_unref (enum_class);
}

/* --- calculations --------------------------------------------------------- */

static void
test_clinical_example (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  clinical_input (&input);
  calculate_ok (&input, &result);

  g_assert_cmpfloat (result.dose_mg, ==, 40.0);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.4, 1e-9);
  g_assert_cmpfloat (result.volume_ml, ==, 100.0);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 150.0);
  g_assert_cmpuint (result.devices, ==, 0);
  g_assert_false (result.over_max);
  g_assert_cmpstr (result.working, ==,
                   "0.5 mg/kg × 80 kg = 40 mg\n"
                   "40 mg in 100 mL = 0.4 mg/mL\n"
                   "100 mL over 40 min = 150 mL/h");

  tonic_dose_result_clear (&result);
}

static void
test_per_kg (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  /* 0.75 × 79.8 = 59.85 → 59.9 mg; 59.9 ÷ 250 = 0.2396 → 0.24 mg/mL. */
  clinical_input (&input);
  input.mg_per_kg = 0.75;
  input.weight_kg = 79.8;
  input.bag_ml = 250.0;
  input.minutes = 60;
  calculate_ok (&input, &result);

  g_assert_cmpfloat_with_epsilon (result.dose_mg, 59.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.24, 1e-9);
  g_assert_cmpfloat (result.volume_ml, ==, 250.0);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 250.0);
  g_assert_cmpstr (result.working, ==,
                   "0.75 mg/kg × 79.8 kg = 59.9 mg\n"
                   "59.9 mg in 250 mL = 0.24 mg/mL\n"
                   "250 mL over 60 min = 250 mL/h");
  tonic_dose_result_clear (&result);

  /* A longer pain infusion: 1 mg/kg × 70 kg in 500 mL over 4 h. */
  input.mg_per_kg = 1.0;
  input.weight_kg = 70.0;
  input.bag_ml = 500.0;
  input.minutes = 240;
  calculate_ok (&input, &result);
  g_assert_cmpfloat (result.dose_mg, ==, 70.0);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.14, 1e-9);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 125.0);
  g_assert_cmpstr (result.working, ==,
                   "1 mg/kg × 70 kg = 70 mg\n"
                   "70 mg in 500 mL = 0.14 mg/mL\n"
                   "500 mL over 240 min = 125 mL/h");
  tonic_dose_result_clear (&result);

  /* The per-kg inputs are ignored in fixed mode, and the other way round. */
  input.fixed_mg = 999.0;
  calculate_ok (&input, &result);
  g_assert_cmpfloat (result.dose_mg, ==, 70.0);
  tonic_dose_result_clear (&result);
}

static void
test_fixed (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  fixed_input (&input, TONIC_ROUTE_IV, 40.0);
  input.mg_per_kg = 3.0;      /* not used */
  input.weight_kg = 0.0;      /* not needed */
  input.bag_ml = 100.0;
  input.minutes = 40;
  calculate_ok (&input, &result);

  g_assert_cmpfloat (result.dose_mg, ==, 40.0);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.4, 1e-9);
  g_assert_cmpfloat (result.volume_ml, ==, 100.0);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 150.0);
  g_assert_cmpstr (result.working, ==,
                   "Fixed dose: 40 mg\n"
                   "40 mg in 100 mL = 0.4 mg/mL\n"
                   "100 mL over 40 min = 150 mL/h");
  tonic_dose_result_clear (&result);
}

static void
test_nasal (void)
{
  static const struct
  {
    double      mg;
    guint       devices;
    const char *working;
  } cases[] = {
    { 28.0, 1, "28 mg = 1 device of 28 mg" },
    { 56.0, 2, "56 mg = 2 devices of 28 mg\nGive the devices 5 min apart" },
    { 84.0, 3, "84 mg = 3 devices of 28 mg\nGive the devices 5 min apart" },
  };
  TonicDoseInput input;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicDoseResult result;

      fixed_input (&input, TONIC_ROUTE_NASAL, cases[i].mg);
      /* None of these is used for a nasal spray. */
      input.bag_ml = 100.0;
      input.concentration_mg_per_ml = 10.0;
      input.minutes = 40;
      calculate_ok (&input, &result);

      g_assert_cmpfloat (result.dose_mg, ==, cases[i].mg);
      g_assert_cmpuint (result.devices, ==, cases[i].devices);
      g_assert_cmpfloat (result.concentration_mg_per_ml, ==, 0.0);
      g_assert_cmpfloat (result.volume_ml, ==, 0.0);
      g_assert_cmpfloat (result.rate_ml_per_hour, ==, 0.0);
      g_assert_cmpstr (result.working, ==, cases[i].working);
      tonic_dose_result_clear (&result);
    }

  /* Not a whole number of devices. */
  for (guint i = 0; i < 3; i++)
    {
      static const double refused[] = { 70.0, 27.9, 56.1 };

      fixed_input (&input, TONIC_ROUTE_NASAL, refused[i]);
      calculate_refused (&input,
                         "A nasal dose must be a whole number of 28 mg devices, such as 56 or 84 mg");
    }

  /* Esketamine is not dosed per kg. */
  clinical_input (&input);
  input.route = TONIC_ROUTE_NASAL;
  calculate_refused (&input, "Give a nasal dose as a fixed dose in mg");
}

static void
test_im (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  /* 1 mg/kg × 70 kg = 70 mg; 70 ÷ 50 mg/mL = 1.4 mL; no pump. */
  clinical_input (&input);
  input.route = TONIC_ROUTE_IM;
  input.mg_per_kg = 1.0;
  input.weight_kg = 70.0;
  input.bag_ml = 0.0;
  input.concentration_mg_per_ml = 50.0;
  input.minutes = 40;   /* not used */
  calculate_ok (&input, &result);

  g_assert_cmpfloat (result.dose_mg, ==, 70.0);
  g_assert_cmpfloat (result.concentration_mg_per_ml, ==, 50.0);
  g_assert_cmpfloat_with_epsilon (result.volume_ml, 1.4, 1e-9);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 0.0);
  g_assert_cmpuint (result.devices, ==, 0);
  g_assert_cmpstr (result.working, ==,
                   "1 mg/kg × 70 kg = 70 mg\n"
                   "70 mg ÷ 50 mg/mL = 1.4 mL");
  tonic_dose_result_clear (&result);

  /* A bag means nothing for an injection: the concentration is asked for. */
  input.bag_ml = 100.0;
  input.concentration_mg_per_ml = 0.0;
  calculate_refused (&input, "Enter the concentration");

  /* No minutes needed. */
  input.concentration_mg_per_ml = 100.0;
  input.minutes = 0;
  calculate_ok (&input, &result);
  g_assert_cmpfloat_with_epsilon (result.volume_ml, 0.7, 1e-9);
  g_assert_cmpstr (result.working, ==,
                   "1 mg/kg × 70 kg = 70 mg\n"
                   "70 mg ÷ 100 mg/mL = 0.7 mL");
  tonic_dose_result_clear (&result);
}

static void
test_iv_concentration (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  /* Drawn from a 10 mg/mL vial: 40 mg = 4 mL, over 40 min = 6 mL/h. */
  clinical_input (&input);
  input.bag_ml = 0.0;
  input.concentration_mg_per_ml = 10.0;
  calculate_ok (&input, &result);

  g_assert_cmpfloat (result.dose_mg, ==, 40.0);
  g_assert_cmpfloat (result.concentration_mg_per_ml, ==, 10.0);
  g_assert_cmpfloat (result.volume_ml, ==, 4.0);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 6.0);
  g_assert_cmpstr (result.working, ==,
                   "0.5 mg/kg × 80 kg = 40 mg\n"
                   "40 mg ÷ 10 mg/mL = 4 mL\n"
                   "4 mL over 40 min = 6 mL/h");
  tonic_dose_result_clear (&result);

  /* A bag, when given, wins over a concentration. */
  input.bag_ml = 100.0;
  calculate_ok (&input, &result);
  g_assert_cmpfloat (result.volume_ml, ==, 100.0);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.4, 1e-9);
  tonic_dose_result_clear (&result);
}

static void
test_validation (void)
{
  TonicDoseInput input;

  /* Per kg: the weight. */
  clinical_input (&input);
  input.weight_kg = 0.0;
  calculate_refused (&input, "Record the patient’s weight to work out a dose per kg");
  input.weight_kg = 1.9;
  calculate_refused (&input, "Enter a weight from 2 to 400 kg");
  input.weight_kg = 400.1;
  calculate_refused (&input, "Enter a weight from 2 to 400 kg");
  input.weight_kg = -80.0;
  calculate_refused (&input, "Record the patient’s weight to work out a dose per kg");

  /* The weight limits themselves are fine. */
  for (guint i = 0; i < 2; i++)
    {
      TonicDoseResult result;

      input.weight_kg = i == 0 ? TONIC_WEIGHT_KG_MIN : TONIC_WEIGHT_KG_MAX;
      input.mg_per_kg = 0.5;
      calculate_ok (&input, &result);
      tonic_dose_result_clear (&result);
    }

  /* Per kg: the dose, in (0, 5]. */
  clinical_input (&input);
  input.mg_per_kg = 0.0;
  calculate_refused (&input, "Enter a dose above 0 and up to 5 mg/kg");
  input.mg_per_kg = -0.5;
  calculate_refused (&input, "Enter a dose above 0 and up to 5 mg/kg");
  input.mg_per_kg = 5.01;
  calculate_refused (&input, "Enter a dose above 0 and up to 5 mg/kg");
  input.mg_per_kg = 5.0;
  input.weight_kg = 250.0;
  calculate_refused (&input,
                     "5 mg/kg × 250 kg is more than 1000 mg; check the dose and the weight");
  input.mg_per_kg = 0.001;
  input.weight_kg = 2.0;
  calculate_refused (&input, "The dose comes to less than 0.1 mg; check the dose");

  /* Fixed: (0, 1000] mg. */
  fixed_input (&input, TONIC_ROUTE_IV, 0.0);
  input.bag_ml = 100.0;
  input.minutes = 40;
  calculate_refused (&input, "Enter a dose above 0 and up to 1000 mg");
  input.fixed_mg = 1000.5;
  calculate_refused (&input, "Enter a dose above 0 and up to 1000 mg");
  input.fixed_mg = -40.0;
  calculate_refused (&input, "Enter a dose above 0 and up to 1000 mg");
  {
    TonicDoseResult result;

    input.fixed_mg = 1000.0;
    calculate_ok (&input, &result);
    g_assert_cmpfloat (result.dose_mg, ==, 1000.0);
    tonic_dose_result_clear (&result);
  }

  /* IV: minutes. */
  clinical_input (&input);
  input.minutes = 0;
  calculate_refused (&input, "Enter how many minutes the infusion lasts");
  input.minutes = -40;
  calculate_refused (&input, "Enter an infusion length from 1 to 1440 minutes");
  input.minutes = TONIC_INFUSION_MINUTES_MAX + 1;
  calculate_refused (&input, "Enter an infusion length from 1 to 1440 minutes");
  {
    TonicDoseResult result;

    input.minutes = TONIC_INFUSION_MINUTES_MAX;
    calculate_ok (&input, &result);
    g_assert_cmpfloat_with_epsilon (result.rate_ml_per_hour, 4.2, 1e-9);   /* 100 mL / 24 h */
    tonic_dose_result_clear (&result);
  }

  /* IV and IM: a bag or a concentration. */
  clinical_input (&input);
  input.bag_ml = 0.0;
  calculate_refused (&input, "Enter the bag volume or the concentration");
  input.route = TONIC_ROUTE_IM;
  calculate_refused (&input, "Enter the concentration");

  /* Their limits. */
  clinical_input (&input);
  input.bag_ml = -100.0;
  calculate_refused (&input, "Enter a bag volume above 0 and up to 1000 mL");
  input.bag_ml = 1000.1;
  calculate_refused (&input, "Enter a bag volume above 0 and up to 1000 mL");
  input.bag_ml = 0.3;
  calculate_refused (&input,
                     "40 mg in 0.3 mL would be stronger than 100 mg/mL; use a larger bag");
  input.bag_ml = 0.0;
  input.concentration_mg_per_ml = 100.5;
  calculate_refused (&input, "Enter a concentration from 0.01 to 100 mg/mL");
  input.concentration_mg_per_ml = 0.005;
  calculate_refused (&input, "Enter a concentration from 0.01 to 100 mg/mL");
  input.concentration_mg_per_ml = -10.0;
  calculate_refused (&input, "Enter a concentration from 0.01 to 100 mg/mL");
  input.route = TONIC_ROUTE_IM;
  calculate_refused (&input, "Enter a concentration from 0.01 to 100 mg/mL");

  /* The first problem is reported: weight before the bag. */
  clinical_input (&input);
  input.weight_kg = 0.0;
  input.bag_ml = 0.0;
  input.minutes = 0;
  calculate_refused (&input, "Record the patient’s weight to work out a dose per kg");
}

static void
test_rounding (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  /* 0.7 × 50.5 = 35.35 on paper (35.349999… in binary): halves go up. */
  clinical_input (&input);
  input.mg_per_kg = 0.7;
  input.weight_kg = 50.5;
  calculate_ok (&input, &result);
  g_assert_cmpfloat_with_epsilon (result.dose_mg, 35.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.35, 1e-9);
  g_assert_cmpstr (result.working, ==,
                   "0.7 mg/kg × 50.5 kg = 35.4 mg\n"
                   "35.4 mg in 100 mL = 0.35 mg/mL\n"
                   "100 mL over 40 min = 150 mL/h");
  tonic_dose_result_clear (&result);

  /* 0.7 × 83.4 = 58.38 → 58.4 mg; 58.4 ÷ 250 = 0.2336 → 0.23 mg/mL;
   * 250 mL over 45 min = 333.33… → 333.3 mL/h. */
  input.mg_per_kg = 0.7;
  input.weight_kg = 83.4;
  input.bag_ml = 250.0;
  input.minutes = 45;
  calculate_ok (&input, &result);
  g_assert_cmpfloat_with_epsilon (result.dose_mg, 58.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 0.23, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.rate_ml_per_hour, 333.3, 1e-9);
  g_assert_cmpstr (result.working, ==,
                   "0.7 mg/kg × 83.4 kg = 58.4 mg\n"
                   "58.4 mg in 250 mL = 0.23 mg/mL\n"
                   "250 mL over 45 min = 333.3 mL/h");
  tonic_dose_result_clear (&result);

  /* 40 mg ÷ 6 mg/mL = 6.67 → 6.7 mL; the rate comes from the unrounded
   * volume (10 mL/h), not from 6.7 mL (10.05). */
  clinical_input (&input);
  input.bag_ml = 0.0;
  input.concentration_mg_per_ml = 6.0;
  calculate_ok (&input, &result);
  g_assert_cmpfloat_with_epsilon (result.volume_ml, 6.7, 1e-9);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 10.0);
  g_assert_cmpstr (result.working, ==,
                   "0.5 mg/kg × 80 kg = 40 mg\n"
                   "40 mg ÷ 6 mg/mL = 6.7 mL\n"
                   "6.7 mL over 40 min = 10 mL/h");
  tonic_dose_result_clear (&result);

  /* Later steps start from the rounded dose: 0.35 × 72.1 = 25.235 → 25.2 mg;
   * at 1 mg/mL over 6 min that is 252 mL/h (25.235 mg would give 252.4). */
  input.mg_per_kg = 0.35;
  input.weight_kg = 72.1;
  input.concentration_mg_per_ml = 1.0;
  input.minutes = 6;
  calculate_ok (&input, &result);
  g_assert_cmpfloat_with_epsilon (result.dose_mg, 25.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.volume_ml, 25.2, 1e-9);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 252.0);
  g_assert_cmpstr (result.working, ==,
                   "0.35 mg/kg × 72.1 kg = 25.2 mg\n"
                   "25.2 mg ÷ 1 mg/mL = 25.2 mL\n"
                   "25.2 mL over 6 min = 252 mL/h");
  tonic_dose_result_clear (&result);

  /* Inputs keep their own decimals: 0.125 mg/kg, a 12.5 mg/mL vial. */
  input.mg_per_kg = 0.125;
  input.weight_kg = 80.0;
  input.concentration_mg_per_ml = 12.5;
  input.minutes = 40;
  calculate_ok (&input, &result);
  g_assert_cmpfloat (result.dose_mg, ==, 10.0);
  g_assert_cmpfloat_with_epsilon (result.concentration_mg_per_ml, 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (result.volume_ml, 0.8, 1e-9);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 1.2);
  g_assert_cmpstr (result.working, ==,
                   "0.125 mg/kg × 80 kg = 10 mg\n"
                   "10 mg ÷ 12.5 mg/mL = 0.8 mL\n"
                   "0.8 mL over 40 min = 1.2 mL/h");
  tonic_dose_result_clear (&result);
}

static void
test_locale_decimal_mark (void)
{
  static const char *const locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  TonicDoseInput input;
  TonicDoseResult result;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (locales); i++)
    if (setlocale (LC_NUMERIC, locales[i]) != NULL)
      break;

  if (i == G_N_ELEMENTS (locales))
    {
      g_test_skip ("no de_DE, fr_FR or es_ES UTF-8 locale installed");
      return;
    }

  /* The working shows numbers as the rest of the interface does. */
  clinical_input (&input);
  calculate_ok (&input, &result);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (result.working, ==,
                   "0,5 mg/kg × 80 kg = 40 mg\n"
                   "40 mg in 100 mL = 0,4 mg/mL\n"
                   "100 mL over 40 min = 150 mL/h");
  tonic_dose_result_clear (&result);
}

static void
test_over_max (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  /* 0.75 mg/kg × 100 kg = 75 mg against a 60 mg maximum. */
  clinical_input (&input);
  input.mg_per_kg = 0.75;
  input.weight_kg = 100.0;
  input.max_mg = 60.0;
  calculate_ok (&input, &result);
  g_assert_true (result.over_max);
  g_assert_cmpfloat (result.dose_mg, ==, 75.0);
  g_assert_cmpfloat (result.rate_ml_per_hour, ==, 150.0);
  g_assert_cmpstr (result.working, ==,
                   "0.75 mg/kg × 100 kg = 75 mg\n"
                   "75 mg in 100 mL = 0.75 mg/mL\n"
                   "100 mL over 40 min = 150 mL/h\n"
                   "Above the plan’s maximum of 60 mg");
  tonic_dose_result_clear (&result);

  /* At the maximum is not over it. */
  input.max_mg = 75.0;
  calculate_ok (&input, &result);
  g_assert_false (result.over_max);
  g_assert_null (strstr (result.working, "maximum"));
  tonic_dose_result_clear (&result);

  /* No maximum. */
  input.max_mg = 0.0;
  calculate_ok (&input, &result);
  g_assert_false (result.over_max);
  tonic_dose_result_clear (&result);

  /* A nasal dose over the maximum too. */
  fixed_input (&input, TONIC_ROUTE_NASAL, 84.0);
  input.max_mg = 56.0;
  calculate_ok (&input, &result);
  g_assert_true (result.over_max);
  g_assert_cmpstr (result.working, ==,
                   "84 mg = 3 devices of 28 mg\n"
                   "Give the devices 5 min apart\n"
                   "Above the plan’s maximum of 56 mg");
  tonic_dose_result_clear (&result);
}

static void
test_result_clear (void)
{
  TonicDoseInput input;
  TonicDoseResult result;

  clinical_input (&input);
  input.max_mg = 10.0;
  calculate_ok (&input, &result);
  g_assert_true (result.over_max);

  tonic_dose_result_clear (&result);
  assert_cleared (&result);

  /* Clearing twice is harmless. */
  tonic_dose_result_clear (&result);
  assert_cleared (&result);
}

/* --- changes, the given dose, the weight ----------------------------------- */

static void
test_percent_change (void)
{
  static const struct
  {
    double   previous;
    double   dose;
    double   percent;
    gboolean needs_reason;
  } cases[] = {
    { 100.0, 100.0, 0.0, FALSE },
    { 100.0, 119.9, 19.9, FALSE },
    { 100.0, 120.0, 20.0, FALSE },   /* exactly the limit: no reason */
    { 100.0, 120.1, 20.1, TRUE },
    { 100.0, 80.1, -19.9, FALSE },
    { 100.0, 80.0, -20.0, FALSE },
    { 100.0, 79.9, -20.1, TRUE },
    { 35.0, 42.0, 20.0, FALSE },     /* 20 % from awkward decimals */
    { 35.0, 28.0, -20.0, FALSE },
    { 40.0, 60.0, 50.0, TRUE },
    { 56.0, 84.0, 50.0, TRUE },
    { 0.0, 40.0, 0.0, FALSE },       /* a first dose */
    { -5.0, 40.0, 0.0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%g -> %g", cases[i].previous, cases[i].dose);
      g_assert_cmpfloat_with_epsilon (tonic_dose_percent_change (cases[i].previous, cases[i].dose),
                                      cases[i].percent, 1e-9);
      g_assert_cmpint (tonic_dose_change_needs_reason (cases[i].previous, cases[i].dose,
                                                       TONIC_DOSE_CHANGE_LIMIT_PERCENT),
                       ==, cases[i].needs_reason);
    }

  /* Another limit. */
  g_assert_true (tonic_dose_change_needs_reason (100.0, 110.5, 10.0));
  g_assert_false (tonic_dose_change_needs_reason (100.0, 110.0, 10.0));
  g_assert_true (tonic_dose_change_needs_reason (100.0, 100.5, 0.0));
  g_assert_false (tonic_dose_change_needs_reason (100.0, 100.0, 0.0));
}

static void
test_check_given (void)
{
  static const struct
  {
    double      given;
    double      max;
    const char *expected;
  } cases[] = {
    { 40.0, 0.0, NULL },
    { 40.0, 60.0, NULL },
    { 60.0, 60.0, NULL },
    { 60.1, 60.0, "The dose given is above the plan’s maximum of 60 mg" },
    { 84.0, 56.0, "The dose given is above the plan’s maximum of 56 mg" },
    { 0.0, 60.0, "Enter the dose given" },
    { -40.0, 0.0, "Enter the dose given" },
    { 1000.0, 0.0, NULL },
    { 1000.1, 0.0, "Enter a dose given of at most 1000 mg" },
    { 1000.1, 2000.0, "Enter a dose given of at most 1000 mg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = tonic_dose_check_given (cases[i].given, cases[i].max);

      g_assert_cmpstr (message, ==, cases[i].expected);
    }
}

static void
test_weight_is_current (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 10, 0, 0);

  /* Today, a moment ago, and now itself. */
  g_assert_true (tonic_dose_weight_is_current ("2026-11-23T09:59:59Z", now, 30));
  g_assert_true (tonic_dose_weight_is_current ("2026-11-23T10:00:00Z", now, 30));
  /* 30 days exactly, and 30 days 23 h 59 min: 30 whole days. */
  g_assert_true (tonic_dose_weight_is_current ("2026-10-24T10:00:00Z", now, 30));
  g_assert_true (tonic_dose_weight_is_current ("2026-10-23T10:01:00Z", now, 30));
  /* 31 days. */
  g_assert_false (tonic_dose_weight_is_current ("2026-10-23T10:00:00Z", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("2025-11-23T10:00:00Z", now, 30));
  /* A zone other than UTC counts by the moment: 11:00+01:00 is 10:00Z. */
  g_assert_true (tonic_dose_weight_is_current ("2026-10-24T11:00:00+01:00", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("2026-10-23T11:00:00+01:00", now, 30));
  /* Another limit. */
  g_assert_true (tonic_dose_weight_is_current ("2026-11-16T10:00:00Z", now, 7));
  g_assert_false (tonic_dose_weight_is_current ("2026-11-15T10:00:00Z", now, 7));
  g_assert_true (tonic_dose_weight_is_current ("2026-11-22T10:00:01Z", now, 0));
  g_assert_false (tonic_dose_weight_is_current ("2026-11-22T10:00:00Z", now, 0));
  /* In the future: a clock or a typing mistake, not current. */
  g_assert_false (tonic_dose_weight_is_current ("2026-11-23T10:00:01Z", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("2026-12-01T10:00:00Z", now, 30));
  /* Not a moment. */
  g_assert_false (tonic_dose_weight_is_current (NULL, now, 30));
  g_assert_false (tonic_dose_weight_is_current ("", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("2026-11-20", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("2026-11-20T10:00:00", now, 30));
  g_assert_false (tonic_dose_weight_is_current ("yesterday", now, 30));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dose/routes", test_routes);
  g_test_add_func ("/dose/modes", test_modes);
  g_test_add_func ("/dose/clinical-example", test_clinical_example);
  g_test_add_func ("/dose/per-kg", test_per_kg);
  g_test_add_func ("/dose/fixed", test_fixed);
  g_test_add_func ("/dose/nasal", test_nasal);
  g_test_add_func ("/dose/im", test_im);
  g_test_add_func ("/dose/iv-concentration", test_iv_concentration);
  g_test_add_func ("/dose/validation", test_validation);
  g_test_add_func ("/dose/rounding", test_rounding);
  g_test_add_func ("/dose/locale-decimal-mark", test_locale_decimal_mark);
  g_test_add_func ("/dose/over-max", test_over_max);
  g_test_add_func ("/dose/result-clear", test_result_clear);
  g_test_add_func ("/dose/percent-change", test_percent_change);
  g_test_add_func ("/dose/check-given", test_check_given);
  g_test_add_func ("/dose/weight-is-current", test_weight_is_current);

  return g_test_run ();
}
