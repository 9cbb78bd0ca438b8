import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepNode } from './graph';

/** A pipeline node: its key, its step version, and the validator's message when it is refused. */
export function StepNodeView({ id, data, selected }: NodeProps<StepNode>) {
  const classes = ['aiflow-node'];
  if (selected) classes.push('aiflow-node--selected');
  if (data.issue) classes.push('aiflow-node--invalid');
  if (data.status) classes.push(`aiflow-node--${data.status}`);
  return (
    <div className={classes.join(' ')} data-testid={`dag-node-${id}`} data-status={data.status ?? ''} title={data.issue ?? ''}>
      <Handle type="target" position={Position.Top} title="Input: the pipeline input and the IR of the nodes it depends on" />
      <div className="aiflow-node__key">{id}</div>
      <div className="aiflow-node__step">{data.stepLabel}</div>
      {data.caption ? <div className="aiflow-node__caption" data-testid="dag-node-caption">{data.caption}</div> : null}
      {data.issue ? <div className="aiflow-node__issue" data-testid="dag-node-issue">{data.issue}</div> : null}
      <div className="aiflow-node__port" data-testid="dag-node-output" title="The IR schema of this node's output">out: {data.outputType ?? 'any JSON'}</div>
      <Handle type="source" position={Position.Bottom} title={`Output: ${data.outputType ?? 'any JSON'}`} />
    </div>
  );
}
