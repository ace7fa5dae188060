/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-dose"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-dose.h"
#include "tonic-time.h"

/* The weakest stocked concentration the calculator takes, in mg/mL: the
 * precision a concentration is reported to. */
#define CONCENTRATION_MIN 0.01

/* Inputs are shown with up to this many decimals (0.125 mg/kg, 79.8 kg). */
#define INPUT_DECIMALS 3

static const struct
{
  TonicRoute  route;
  const char *id;
  const char *label;
} routes[] = {
  { TONIC_ROUTE_IV, "iv", N_("IV infusion") },
  { TONIC_ROUTE_IM, "im", N_("IM injection") },
  { TONIC_ROUTE_NASAL, "nasal", N_("Nasal spray") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (routes) == TONIC_N_ROUTES);

static const struct
{
  TonicDoseMode  mode;
  const char    *id;
  const char    *label;
} modes[] = {
  { TONIC_DOSE_MODE_PER_KG, "per-kg", N_("mg/kg of body weight") },
  { TONIC_DOSE_MODE_FIXED, "fixed", N_("Fixed dose in mg") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (modes) == TONIC_N_DOSE_MODES);

static const double powers_of_ten[] = { 1.0, 10.0, 100.0, 1000.0 };

/* @value (≥ 0) as a whole number of 10^-@decimals, halves up. The small
 * nudge makes typed decimals round as a person expects: 0.5 × 80.1 is
 * 40.0499… in binary but 40.05 on paper, so 40.1. */
static gint64
scale_rounded (double value,
               int    decimals)
{
  g_assert (value >= 0.0);
  g_assert (decimals >= 0 && decimals < (int) G_N_ELEMENTS (powers_of_ten));

  return (gint64) (value * powers_of_ten[decimals] + 0.5 + 1e-6);
}

static double
round_to (double value,
          int    decimals)
{
  return (double) scale_rounded (value, decimals) / powers_of_ten[decimals];
}

/* @value rounded to @max_decimals and shown without needless zeros ("40",
 * "0.4", "0.125"). The decimal mark is the locale's, as in every number the
 * interface shows ("%.1f kg" on the patient record). */
static char *
format_number (double value,
               int    max_decimals)
{
  gint64 scaled = scale_rounded (value, max_decimals);
  int decimals = max_decimals;

  while (decimals > 0 && scaled % 10 == 0)
    {
      scaled /= 10;
      decimals--;
    }

  return g_strdup_printf ("%.*f", decimals,
                          (double) scaled / powers_of_ten[decimals]);
}

static void
append_line (GString    *working,
             const char *line)
{
  if (working->len > 0)
    g_string_append_c (working, '\n');
  g_string_append (working, line);
}

/* The dose in mg, rounded, and its line of working. */
static char *
work_out_dose (const TonicDoseInput *input,
               TonicDoseResult      *result,
               GString              *working)
{
  g_autofree char *line = NULL;
  g_autofree char *dose_text = NULL;

  if (input->mode == TONIC_DOSE_MODE_PER_KG)
    {
      g_autofree char *per_kg_text = NULL;
      g_autofree char *weight_text = NULL;
      double dose;

      if (input->route == TONIC_ROUTE_NASAL)
        return g_strdup (_("Give a nasal dose as a fixed dose in mg"));

      if (!(input->weight_kg > 0.0))
        return g_strdup (_("Record the patient’s weight to work out a dose per kg"));

      if (input->weight_kg < TONIC_WEIGHT_KG_MIN || input->weight_kg > TONIC_WEIGHT_KG_MAX)
        {
          g_autofree char *low = format_number (TONIC_WEIGHT_KG_MIN, INPUT_DECIMALS);
          g_autofree char *high = format_number (TONIC_WEIGHT_KG_MAX, INPUT_DECIMALS);

          /* Translators: a weight limit; both are numbers of kilograms,
           * such as "2" and "400". */
          return g_strdup_printf (_("Enter a weight from %s to %s kg"), low, high);
        }

      if (!(input->mg_per_kg > 0.0) || input->mg_per_kg > TONIC_DOSE_MG_PER_KG_MAX)
        {
          g_autofree char *high = format_number (TONIC_DOSE_MG_PER_KG_MAX, INPUT_DECIMALS);

          /* Translators: %s is the largest dose per kilogram, such as "5". */
          return g_strdup_printf (_("Enter a dose above 0 and up to %s mg/kg"), high);
        }

      per_kg_text = format_number (input->mg_per_kg, INPUT_DECIMALS);
      weight_text = format_number (input->weight_kg, INPUT_DECIMALS);
      dose = round_to (input->mg_per_kg * input->weight_kg, 1);

      if (dose > TONIC_DOSE_MG_MAX)
        {
          g_autofree char *high = format_number (TONIC_DOSE_MG_MAX, INPUT_DECIMALS);

          /* Translators: a dose that came out too large: the dose per
           * kilogram, the weight in kilograms and the largest dose in mg,
           * as in "5 mg/kg × 250 kg is more than 1000 mg; check the dose and
           * the weight". */
          return g_strdup_printf (_("%1$s mg/kg × %2$s kg is more than %3$s mg; "
                                    "check the dose and the weight"),
                                  per_kg_text, weight_text, high);
        }

      if (dose == 0.0)
        return g_strdup (_("The dose comes to less than 0.1 mg; check the dose"));

      result->dose_mg = dose;
      dose_text = format_number (result->dose_mg, 1);
      /* Translators: a step of the dose working: the dose per kilogram,
       * the weight in kilograms and the dose in mg, as in
       * "0.5 mg/kg × 80 kg = 40 mg". */
      line = g_strdup_printf (_("%1$s mg/kg × %2$s kg = %3$s mg"),
                              per_kg_text, weight_text, dose_text);
    }
  else
    {
      if (!(input->fixed_mg > 0.0) || input->fixed_mg > TONIC_DOSE_MG_MAX)
        {
          g_autofree char *high = format_number (TONIC_DOSE_MG_MAX, INPUT_DECIMALS);

          /* Translators: %s is the largest dose in mg, such as "1000". */
          return g_strdup_printf (_("Enter a dose above 0 and up to %s mg"), high);
        }

      result->dose_mg = round_to (input->fixed_mg, 1);
      if (result->dose_mg == 0.0)
        return g_strdup (_("The dose comes to less than 0.1 mg; check the dose"));

      /* Nasal doses have their own line: the devices. */
      if (input->route == TONIC_ROUTE_NASAL)
        return NULL;

      dose_text = format_number (result->dose_mg, 1);
      /* Translators: a step of the dose working, as in "Fixed dose: 40 mg";
       * %s is a number of mg. */
      line = g_strdup_printf (_("Fixed dose: %s mg"), dose_text);
    }

  append_line (working, line);
  return NULL;
}

/* Esketamine nasal spray: a whole number of devices, a few minutes apart. */
static char *
work_out_devices (TonicDoseResult *result,
                  GString         *working)
{
  g_autofree char *dose_text = NULL;
  g_autofree char *line = NULL;
  gint64 tenths = scale_rounded (result->dose_mg, 1);

  if (tenths % (TONIC_NASAL_MG_PER_DEVICE * 10) != 0)
    /* Translators: %d is the mg in one nasal spray device, 28. */
    return g_strdup_printf (_("A nasal dose must be a whole number of %d mg devices, "
                              "such as 56 or 84 mg"),
                            TONIC_NASAL_MG_PER_DEVICE);

  result->devices = (guint) (tenths / (TONIC_NASAL_MG_PER_DEVICE * 10));
  dose_text = format_number (result->dose_mg, 1);
  /* Translators: a step of the dose working for a nasal spray: the dose
   * in mg, the number of devices and the mg in each device, as in
   * "56 mg = 2 devices of 28 mg". */
  line = g_strdup_printf (ngettext ("%1$s mg = %2$u device of %3$d mg",
                                    "%1$s mg = %2$u devices of %3$d mg",
                                    result->devices),
                          dose_text, result->devices, TONIC_NASAL_MG_PER_DEVICE);
  append_line (working, line);

  if (result->devices > 1)
    {
      g_autofree char *apart = NULL;

      /* Translators: a step of the dose working for a nasal spray; %d is a
       * number of minutes, as in "Give the devices 5 min apart". */
      apart = g_strdup_printf (_("Give the devices %d min apart"), TONIC_NASAL_MINUTES_BETWEEN);
      append_line (working, apart);
    }

  return NULL;
}

/* The concentration and volume (IV and IM). On success @volume_ml is the
 * unrounded volume, for the rate. */
static char *
work_out_volume (const TonicDoseInput *input,
                 TonicDoseResult      *result,
                 GString              *working,
                 double               *volume_ml)
{
  g_autofree char *dose_text = format_number (result->dose_mg, 1);
  g_autofree char *line = NULL;
  gboolean use_bag = input->route == TONIC_ROUTE_IV && input->bag_ml != 0.0;

  if (use_bag)
    {
      g_autofree char *bag_text = NULL;
      g_autofree char *concentration_text = NULL;
      double concentration;

      if (!(input->bag_ml > 0.0) || input->bag_ml > TONIC_BAG_ML_MAX)
        {
          g_autofree char *high = format_number (TONIC_BAG_ML_MAX, INPUT_DECIMALS);

          /* Translators: %s is the largest bag volume in mL, such as "1000". */
          return g_strdup_printf (_("Enter a bag volume above 0 and up to %s mL"), high);
        }

      bag_text = format_number (input->bag_ml, INPUT_DECIMALS);
      concentration = result->dose_mg / input->bag_ml;
      if (concentration > TONIC_CONCENTRATION_MAX)
        {
          g_autofree char *high = format_number (TONIC_CONCENTRATION_MAX, INPUT_DECIMALS);

          /* Translators: the dose in mg, the bag volume in mL and the
           * strongest concentration in mg/mL, as in "400 mg in 2 mL would
           * be stronger than 100 mg/mL; use a larger bag". */
          return g_strdup_printf (_("%1$s mg in %2$s mL would be stronger than %3$s mg/mL; "
                                    "use a larger bag"),
                                  dose_text, bag_text, high);
        }

      result->concentration_mg_per_ml = round_to (concentration, 2);
      result->volume_ml = round_to (input->bag_ml, 1);
      *volume_ml = input->bag_ml;
      concentration_text = format_number (result->concentration_mg_per_ml, 2);
      /* Translators: a step of the dose working: the dose in mg, the bag
       * volume in mL and the concentration that gives, as in
       * "40 mg in 100 mL = 0.4 mg/mL". */
      line = g_strdup_printf (_("%1$s mg in %2$s mL = %3$s mg/mL"),
                              dose_text, bag_text, concentration_text);
    }
  else
    {
      g_autofree char *concentration_text = NULL;
      g_autofree char *volume_text = NULL;

      if (input->concentration_mg_per_ml == 0.0)
        {
          if (input->route == TONIC_ROUTE_IV)
            return g_strdup (_("Enter the bag volume or the concentration"));
          return g_strdup (_("Enter the concentration"));
        }

      if (!(input->concentration_mg_per_ml >= CONCENTRATION_MIN) ||
          input->concentration_mg_per_ml > TONIC_CONCENTRATION_MAX)
        {
          g_autofree char *low = format_number (CONCENTRATION_MIN, INPUT_DECIMALS);
          g_autofree char *high = format_number (TONIC_CONCENTRATION_MAX, INPUT_DECIMALS);

          /* Translators: a concentration limit; both are numbers of mg/mL,
           * such as "0.01" and "100". */
          return g_strdup_printf (_("Enter a concentration from %s to %s mg/mL"), low, high);
        }

      *volume_ml = result->dose_mg / input->concentration_mg_per_ml;
      result->concentration_mg_per_ml = round_to (input->concentration_mg_per_ml, 2);
      result->volume_ml = round_to (*volume_ml, 1);
      concentration_text = format_number (input->concentration_mg_per_ml, INPUT_DECIMALS);
      volume_text = format_number (result->volume_ml, 1);
      /* Translators: a step of the dose working: the dose in mg, the
       * concentration in mg/mL and the volume that gives, as in
       * "40 mg ÷ 10 mg/mL = 4 mL". */
      line = g_strdup_printf (_("%1$s mg ÷ %2$s mg/mL = %3$s mL"),
                              dose_text, concentration_text, volume_text);
    }

  append_line (working, line);
  return NULL;
}

/* The pump rate of an infusion of @volume_ml (unrounded). */
static char *
work_out_rate (const TonicDoseInput *input,
               TonicDoseResult      *result,
               GString              *working,
               double                volume_ml)
{
  g_autofree char *volume_text = NULL;
  g_autofree char *rate_text = NULL;
  g_autofree char *line = NULL;

  if (input->minutes == 0)
    return g_strdup (_("Enter how many minutes the infusion lasts"));

  if (input->minutes < 0 || input->minutes > TONIC_INFUSION_MINUTES_MAX)
    /* Translators: %d is the longest infusion in minutes, 1440. */
    return g_strdup_printf (_("Enter an infusion length from 1 to %d minutes"),
                            TONIC_INFUSION_MINUTES_MAX);

  result->rate_ml_per_hour = round_to (volume_ml * 60.0 / input->minutes, 1);
  volume_text = format_number (result->volume_ml, 1);
  rate_text = format_number (result->rate_ml_per_hour, 1);
  /* Translators: a step of the dose working: the volume in mL, the
   * infusion length in minutes and the pump rate, as in
   * "100 mL over 40 min = 150 mL/h". */
  line = g_strdup_printf (_("%1$s mL over %2$d min = %3$s mL/h"),
                          volume_text, input->minutes, rate_text);
  append_line (working, line);
  return NULL;
}

GType
tonic_route_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_ROUTE_IV, "TONIC_ROUTE_IV", "iv" },
        { TONIC_ROUTE_IM, "TONIC_ROUTE_IM", "im" },
        { TONIC_ROUTE_NASAL, "TONIC_ROUTE_NASAL", "nasal" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicRoute", values));
    }

  return type_id;
}

const char *
tonic_route_to_string (TonicRoute route)
{
  g_return_val_if_fail ((guint) route < TONIC_N_ROUTES, NULL);

  return routes[route].id;
}

gboolean
tonic_route_from_string (const char *str,
                         TonicRoute *route)
{
  g_return_val_if_fail (route != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (routes); i++)
    {
      if (g_str_equal (str, routes[i].id))
        {
          *route = routes[i].route;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_route_get_label (TonicRoute route)
{
  g_return_val_if_fail ((guint) route < TONIC_N_ROUTES, NULL);

  return _(routes[route].label);
}

GType
tonic_dose_mode_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_DOSE_MODE_PER_KG, "TONIC_DOSE_MODE_PER_KG", "per-kg" },
        { TONIC_DOSE_MODE_FIXED, "TONIC_DOSE_MODE_FIXED", "fixed" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicDoseMode", values));
    }

  return type_id;
}

const char *
tonic_dose_mode_to_string (TonicDoseMode mode)
{
  g_return_val_if_fail ((guint) mode < TONIC_N_DOSE_MODES, NULL);

  return modes[mode].id;
}

gboolean
tonic_dose_mode_from_string (const char    *str,
                             TonicDoseMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (modes); i++)
    {
      if (g_str_equal (str, modes[i].id))
        {
          *mode = modes[i].mode;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_dose_mode_get_label (TonicDoseMode mode)
{
  g_return_val_if_fail ((guint) mode < TONIC_N_DOSE_MODES, NULL);

  return _(modes[mode].label);
}

void
tonic_dose_result_clear (TonicDoseResult *result)
{
  g_return_if_fail (result != NULL);

  g_free (result->working);
  memset (result, 0, sizeof *result);
}

char *
tonic_dose_calculate (const TonicDoseInput *input,
                      TonicDoseResult      *result)
{
  TonicDoseResult out = { 0 };
  g_autoptr(GString) working = NULL;
  char *message = NULL;
  double volume_ml = 0.0;

  g_return_val_if_fail (result != NULL, NULL);
  memset (result, 0, sizeof *result);
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail ((guint) input->route < TONIC_N_ROUTES, NULL);
  g_return_val_if_fail ((guint) input->mode < TONIC_N_DOSE_MODES, NULL);

  working = g_string_new (NULL);

  message = work_out_dose (input, &out, working);
  if (message == NULL && input->route == TONIC_ROUTE_NASAL)
    message = work_out_devices (&out, working);
  if (message == NULL && input->route != TONIC_ROUTE_NASAL)
    message = work_out_volume (input, &out, working, &volume_ml);
  if (message == NULL && input->route == TONIC_ROUTE_IV)
    message = work_out_rate (input, &out, working, volume_ml);

  if (message != NULL)
    return message;

  if (input->max_mg > 0.0 && out.dose_mg > input->max_mg)
    {
      g_autofree char *max_text = format_number (input->max_mg, INPUT_DECIMALS);
      g_autofree char *line = NULL;

      out.over_max = TRUE;
      /* Translators: the last line of the dose working when the dose is
       * too high; %s is the plan's maximum in mg, as in "Above the plan’s
       * maximum of 60 mg". */
      line = g_strdup_printf (_("Above the plan’s maximum of %s mg"), max_text);
      append_line (working, line);
    }

  out.working = g_string_free (g_steal_pointer (&working), FALSE);
  *result = out;
  return NULL;
}

double
tonic_dose_percent_change (double previous_mg,
                           double dose_mg)
{
  if (!(previous_mg > 0.0))
    return 0.0;

  /* Multiplying first keeps round cases exact: 35 → 42 mg is 20 %, not
   * 20.000000000000004 %. */
  return (dose_mg - previous_mg) * 100.0 / previous_mg;
}

gboolean
tonic_dose_change_needs_reason (double previous_mg,
                                double dose_mg,
                                double limit_percent)
{
  double change;

  g_return_val_if_fail (limit_percent >= 0.0, FALSE);

  if (!(previous_mg > 0.0))
    return FALSE;

  change = tonic_dose_percent_change (previous_mg, dose_mg);
  if (change < 0.0)
    change = -change;

  /* A hair's tolerance: a change of exactly the limit, computed from
   * decimal doses, does not need a reason. */
  return change > limit_percent + 1e-9;
}

char *
tonic_dose_check_given (double given_mg,
                        double max_mg)
{
  if (!(given_mg > 0.0))
    return g_strdup (_("Enter the dose given"));

  if (given_mg > TONIC_DOSE_MG_MAX)
    {
      g_autofree char *high = format_number (TONIC_DOSE_MG_MAX, INPUT_DECIMALS);

      /* Translators: %s is the largest dose in mg, such as "1000". */
      return g_strdup_printf (_("Enter a dose given of at most %s mg"), high);
    }

  if (max_mg > 0.0 && given_mg > max_mg)
    {
      g_autofree char *max_text = format_number (max_mg, INPUT_DECIMALS);

      /* Translators: %s is the plan's maximum dose in mg, such as "60". */
      return g_strdup_printf (_("The dose given is above the plan’s maximum of %s mg"), max_text);
    }

  return NULL;
}

gboolean
tonic_dose_weight_is_current (const char *measured_at,
                              GDateTime  *now,
                              int         max_age_days)
{
  g_autoptr(GDateTime) measured = NULL;
  GTimeSpan age;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (max_age_days >= 0, FALSE);

  measured = tonic_time_parse_utc (measured_at);
  if (measured == NULL)
    return FALSE;

  age = g_date_time_difference (now, measured);
  if (age < 0)
    return FALSE;

  return age / G_TIME_SPAN_DAY <= max_age_days;
}
