/**
 * Domestic credit scheme (国内クレジット制度, seed 002) project cycle.
 *
 *   projectCycle(project, params)            → eligibility, approval (deemed after 10 weeks), dated monitoring reports
 *   issuanceSchedule(projects, params, grid) → credited tonnes per grid period (week lags mapped onto periods)
 *   issueScheduledCredits(system, schedule, projects, period, { accountOf }) → ISSUE transactions in the registry
 *
 * Reduction = baseline − project − leakage; credited = ⌊reduction × (1 − subsidy share)⌋ per monitoring period;
 * nothing after the crediting end (31 March 2013, a parameter).
 */
export * from './project.js';
export * from './projectCycle.js';
export * from './issuanceSchedule.js';
export * from './issueCredits.js';
