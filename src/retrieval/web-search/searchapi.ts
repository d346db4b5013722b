// searchapi.io: GET api/v1/search?engine&q&api_key.
import { searchSerpStyle, type SerpStyleOptions } from './serp-style.ts';
import type { EngineRequest, SearchResult } from './types.ts';

export const SEARCHAPI_ENDPOINT = 'https://www.searchapi.io/api/v1/search';

export const searchSearchapi = (req: EngineRequest, o: SerpStyleOptions): Promise<SearchResult[]> => searchSerpStyle('searchapi', SEARCHAPI_ENDPOINT, req, o);
