import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepNode } from './graph';
import type { Badges } from './types';

interface Badge { kind: string; text: string; title: string }

/** The policy that changes how a node runs, as short badges whose tooltip gives the value. */
function badgesOf(b: Badges | null | undefined): Badge[] {
  if (!b) return [];
  const list: Badge[] = [];
  if (b.condition) list.push({ kind: 'condition', text: 'if', title: `Runs only if: ${b.condition}` });
  if (b.retries > 0) list.push({ kind: 'retries', text: `↻${b.retries}`, title: `Retries: ${b.retries}` });
  if (b.timeoutMs) list.push({ kind: 'timeout', text: `⏱${b.timeoutMs} ms`, title: `Timeout: ${b.timeoutMs} ms` });
  if (b.continueOnFail) list.push({ kind: 'continue', text: 'continue', title: 'Continue on fail: the run goes on if this node fails' });
  return list;
}

/** A pipeline node: its key, its step version, its policy badges, and the validator's message when it is refused. */
export function StepNodeView({ id, data, selected }: NodeProps<StepNode>) {
  const classes = ['aiflow-node'];
  if (selected) classes.push('aiflow-node--selected');
  if (data.issue) classes.push('aiflow-node--invalid');
  if (data.status) classes.push(`aiflow-node--${data.status}`);
  const badges = badgesOf(data.badges);
  return (
    <div className={classes.join(' ')} data-testid={`dag-node-${id}`} data-status={data.status ?? ''} title={data.issue ?? ''}>
      <Handle type="target" position={Position.Top} title="Input: the pipeline input and the IR of the nodes it depends on" />
      <div className="aiflow-node__key">{id}</div>
      <div className="aiflow-node__step">{data.stepLabel}</div>
      {badges.length > 0 ? (
        <div className="aiflow-node__badges">
          {badges.map((b) => (
            <span key={b.kind} className={`aiflow-badge aiflow-badge--${b.kind}`} data-testid={`badge-${b.kind}`} title={b.title} aria-label={b.title}>{b.text}</span>
          ))}
        </div>
      ) : null}
      {data.caption ? <div className="aiflow-node__caption" data-testid="dag-node-caption">{data.caption}</div> : null}
      {data.issue ? <div className="aiflow-node__issue" data-testid="dag-node-issue">{data.issue}</div> : null}
      <div className="aiflow-node__port" data-testid="dag-node-output" title="The IR schema of this node's output">out: {data.outputType ?? 'any JSON'}</div>
      <Handle type="source" position={Position.Bottom} title={`Output: ${data.outputType ?? 'any JSON'}`} />
    </div>
  );
}
