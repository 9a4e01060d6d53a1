/**
 * The dataset worker: fetches, parses and validates the data files off the main thread, so
 * neither the work nor zod weigh on the page. One request in, one response out.
 */
import type { DatasetRequest, DatasetResponse } from './dataset-protocol';
import { readDataset } from './read-dataset';

const reply = (response: DatasetResponse) => postMessage(response);

addEventListener('message', async (event: MessageEvent<DatasetRequest>) => {
	try {
		reply({ type: 'dataset-checked', result: await readDataset(event.data.files) });
	} catch (error) {
		reply({
			type: 'worker-failed',
			message: error instanceof Error ? error.message : String(error)
		});
	}
});
