/** Names of an imported dataset's map source and layer (apart, so they load with the map). */
export const importedSourceId = (dataset: string) => `imported-${dataset}`;
export const importedLayerId = (dataset: string) => `imported-${dataset}-markers`;
