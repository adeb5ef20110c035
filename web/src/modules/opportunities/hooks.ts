// Hooks for opportunities: the paged list, one opportunity, and the pipeline's stages
// (asked once per session; they change only when an admin edits the pipeline).
import { useEffect, useState } from 'react';
import { usePagedQuery, useResource } from '../../lib/hooks';
import { getOpportunity, getPipeline, listOpportunities } from './api';
import type { Opportunity, OpportunityListParams, PipelineStage } from './types';

export function useOpportunityList(params: OpportunityListParams, pageSize = 50) {
  return usePagedQuery(params, listOpportunities, pageSize);
}

export function useOpportunity(id: string) {
  return useResource<Opportunity>(id, (signal) => getOpportunity(id, signal));
}

let pipeline: Promise<PipelineStage[]> | null = null;

export function clearPipelineCache(): void {
  pipeline = null;
}

/** The pipeline's stages in order (won and lost last); empty while loading. */
export function usePipeline(): { stages: PipelineStage[]; loading: boolean; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ stages: PipelineStage[]; loading: boolean; error: unknown }>({ stages: [], loading: true, error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    if (!pipeline) {
      pipeline = getPipeline().then((p) => p.stages);
      pipeline.catch(() => (pipeline = null));
    }
    pipeline.then(
      (stages) => live && setState({ stages, loading: false, error: null }),
      (error) => live && setState({ stages: [], loading: false, error }),
    );
    return () => {
      live = false;
    };
  }, [generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

/** A stage's name by key ("needs_analysis" → "Needs analysis"), from the loaded stages. */
export function stageName(stages: PipelineStage[], key: string): string {
  return stages.find((s) => s.key === key)?.name ?? key.replace(/_/g, ' ');
}
