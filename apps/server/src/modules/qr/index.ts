// The qr module's public entry: other modules import from here only (npm run lint checks it).

export { type LabelSheetLayout, labelSheetLayouts, labelSheetPdf } from './label-sheet.js';
export { qrPng, qrSvg, roomPostersPdf, toWinAnsi, welcomeCardPdf } from './render.js';
