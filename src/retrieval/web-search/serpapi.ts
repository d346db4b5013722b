// SerpApi: GET serpapi.com/search?engine&q&api_key.
import { searchSerpStyle, type SerpStyleOptions } from './serp-style.ts';
import type { EngineRequest, SearchResult } from './types.ts';

export const SERPAPI_ENDPOINT = 'https://serpapi.com/search';

export const searchSerpapi = (req: EngineRequest, o: SerpStyleOptions): Promise<SearchResult[]> => searchSerpStyle('serpapi', SERPAPI_ENDPOINT, req, o);
