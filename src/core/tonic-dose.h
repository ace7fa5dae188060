/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Dose and pump maths (CLINICAL.md, "Dose and pump maths"): the answer and
 * the working that led to it, so that a second person can check it.
 *
 *   dose mg        = mg/kg × weight kg          (or a fixed dose in mg)
 *   concentration  = dose mg ÷ bag mL           (when diluted in a bag)
 *                    or as stocked, in mg/mL
 *   volume mL      = dose mg ÷ concentration mg/mL
 *   pump rate mL/h = volume mL ÷ (minutes ÷ 60) (IV only)
 *
 * Example: 0.5 mg/kg × 80 kg = 40 mg; 40 mg in a 100 mL bag = 0.4 mg/mL;
 * 100 mL over 40 min → 150 mL/h. */

typedef enum
{
  TONIC_ROUTE_IV,
  TONIC_ROUTE_IM,
  TONIC_ROUTE_NASAL,     /* esketamine nasal spray: 28 mg per device */
} TonicRoute;

#define TONIC_N_ROUTES 3

#define TONIC_TYPE_ROUTE (tonic_route_get_type ())
GType        tonic_route_get_type       (void) G_GNUC_CONST;
/* "iv", "im", "nasal". */
const char  *tonic_route_to_string      (TonicRoute  route);
gboolean     tonic_route_from_string    (const char *str,
                                         TonicRoute *route);
const char  *tonic_route_get_label      (TonicRoute  route);

typedef enum
{
  TONIC_DOSE_MODE_PER_KG,   /* mg/kg × weight */
  TONIC_DOSE_MODE_FIXED,    /* a dose in mg (esketamine 56 or 84 mg) */
} TonicDoseMode;

#define TONIC_N_DOSE_MODES 2

#define TONIC_TYPE_DOSE_MODE (tonic_dose_mode_get_type ())
GType        tonic_dose_mode_get_type    (void) G_GNUC_CONST;
/* "per-kg", "fixed". */
const char  *tonic_dose_mode_to_string   (TonicDoseMode  mode);
gboolean     tonic_dose_mode_from_string (const char    *str,
                                          TonicDoseMode *mode);
/* "mg/kg of body weight", "Fixed dose in mg", translated. */
const char  *tonic_dose_mode_get_label   (TonicDoseMode  mode);

/* Esketamine nasal spray: mg per device, and minutes between devices. */
#define TONIC_NASAL_MG_PER_DEVICE       28
#define TONIC_NASAL_MINUTES_BETWEEN      5

/* Limits a form and the store accept (beyond them a value is a typo). */
#define TONIC_DOSE_MG_PER_KG_MAX        5.0    /* mg/kg */
#define TONIC_DOSE_MG_MAX            1000.0    /* mg */
#define TONIC_WEIGHT_KG_MIN             2.0
#define TONIC_WEIGHT_KG_MAX           400.0
#define TONIC_CONCENTRATION_MAX       100.0    /* mg/mL */
#define TONIC_BAG_ML_MAX             1000.0
#define TONIC_INFUSION_MINUTES_MAX    (24 * 60)

typedef struct
{
  TonicRoute     route;
  TonicDoseMode  mode;
  double         mg_per_kg;          /* PER_KG */
  double         fixed_mg;           /* FIXED */
  double         weight_kg;          /* PER_KG: the current weight */
  /* Either the bag the dose is diluted in (IV) … */
  double         bag_ml;             /* > 0: concentration = dose ÷ bag */
  /* … or the concentration as stocked (IM, or IV drawn from a vial). */
  double         concentration_mg_per_ml;
  int            minutes;            /* IV: infusion length */
  double         max_mg;             /* the plan's maximum; 0: none */
} TonicDoseInput;

typedef struct
{
  double   dose_mg;                  /* rounded to 0.1 mg */
  double   concentration_mg_per_ml;  /* rounded to 0.01 mg/mL */
  double   volume_ml;                /* rounded to 0.1 mL; 0 for nasal */
  double   rate_ml_per_hour;         /* rounded to 0.1 mL/h; IV only, else 0 */
  guint    devices;                  /* nasal: dose ÷ 28 mg, else 0 */
  gboolean over_max;                 /* dose_mg > max_mg (when max_mg > 0) */
  /* The working, translated, one step per line, e.g.
   *   "0.5 mg/kg × 80 kg = 40 mg\n"
   *   "40 mg in 100 mL = 0.4 mg/mL\n"
   *   "100 mL over 40 min = 150 mL/h"
   * (and "Above the plan's maximum of 60 mg" when over_max). (g_free()) */
  char    *working;
} TonicDoseResult;

void         tonic_dose_result_clear    (TonicDoseResult *result);

/**
 * tonic_dose_calculate:
 *
 * Works out the dose. Returns NULL on success; otherwise a translated
 * message saying which input is missing or out of range (weight not
 * recorded, 0 minutes for an infusion, no concentration, a nasal dose that
 * is not a whole number of devices…) and @result is left cleared. @result
 * is an out parameter: what it held before is overwritten, not freed
 * (tonic_dose_result_clear() it first when reusing it). Being
 * over the maximum is not an error: @result->over_max says it, and signing
 * refuses it (tonic_dose_check_given()).
 *
 * What is used, by route:
 * - IV: the dose; @bag_ml when > 0 (the concentration follows from it and
 *   the volume is the bag), else @concentration_mg_per_ml (the volume
 *   follows from it); @minutes (1 to TONIC_INFUSION_MINUTES_MAX) for the
 *   rate.
 * - IM: the dose and @concentration_mg_per_ml; no bag, no rate.
 * - Nasal: a FIXED dose that is a whole number of 28 mg devices; no
 *   concentration, volume or rate.
 * A stocked concentration is 0.01 to TONIC_CONCENTRATION_MAX mg/mL; a
 * bag is above 0 and up to TONIC_BAG_ML_MAX mL and must not make the
 * dilution stronger than TONIC_CONCENTRATION_MAX. A per-kg dose that comes
 * to more than TONIC_DOSE_MG_MAX is refused as a typo.
 *
 * Rounding: the dose is rounded first (to 0.1 mg, halves up) and the later
 * steps start from that rounded dose; each of concentration, volume and
 * rate is rounded only when it is reported, so rounding does not add up
 * along the way. The working shows the numbers as reported, without
 * needless zeros ("40 mg", "0.4 mg/mL"), with the locale's decimal mark,
 * as the rest of the interface shows numbers.
 */
char        *tonic_dose_calculate       (const TonicDoseInput *input,
                                         TonicDoseResult      *result);

/* The change of @dose_mg from @previous_mg in percent, negative for a
 * smaller dose (0 when there is no previous dose, @previous_mg ≤ 0). */
double       tonic_dose_percent_change  (double previous_mg,
                                         double dose_mg);
/* Whether that change needs a reason: |change| > @limit_percent (default
 * 20, TONIC_DOSE_CHANGE_LIMIT_PERCENT), up or down; a change of exactly
 * the limit does not, and neither does a first dose (@previous_mg ≤ 0). */
#define TONIC_DOSE_CHANGE_LIMIT_PERCENT 20.0
gboolean     tonic_dose_change_needs_reason (double previous_mg,
                                             double dose_mg,
                                             double limit_percent);

/* Checks the dose actually given: > 0, ≤ TONIC_DOSE_MG_MAX, and not above
 * @max_mg (when > 0). NULL or a translated message. */
char        *tonic_dose_check_given     (double given_mg,
                                         double max_mg);

/* Whether a weight measured at @measured_at (UTC ISO-8601) is still current
 * on @now for a plan that wants one within @max_age_days (default 30):
 * its age in whole days of elapsed time (30 days and 23 hours count as 30)
 * is at most @max_age_days. A time that does not parse, or that is after
 * @now, is not current. */
#define TONIC_WEIGHT_MAX_AGE_DAYS 30
gboolean     tonic_dose_weight_is_current (const char *measured_at,
                                           GDateTime  *now,
                                           int         max_age_days);

G_END_DECLS
