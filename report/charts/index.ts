/** Every chart: pure functions from batch output to Plot options, shared by the report and the notebooks. */
export * from './chartOptions.js';
export * from './chartScales.js';
export * from './priceFan.js';
export * from './metricDistribution.js';
export * from './emissionsVsCap.js';
export * from './bankBorrowing.js';
export * from './creditUse.js';
export * from './complianceByFirm.js';
export * from './sectorBurden.js';
export * from './auctionRevenue.js';
export * from './pairedDifferences.js';
