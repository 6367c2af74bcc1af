/** Method id → factory. */
import type { MethodId } from '../types';
import { createAdam } from './adam';
import { createECG } from './ecg';
import { createEM } from './em';
import { createGradient } from './gradient';
import { createHybrid } from './hybrid';
import { createNewton } from './newton';
import type { OptimizerFactory } from './optimizer';
import { createSquarem } from './squarem';

export const FACTORIES: Record<MethodId, OptimizerFactory> = {
  em: createEM,
  grad: createGradient,
  ecg: createECG,
  hybrid: createHybrid,
  squarem: createSquarem,
  newton: createNewton,
  adam: createAdam,
};
