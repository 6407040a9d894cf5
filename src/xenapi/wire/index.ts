/**
 * The XenAPI wire codec: XML-RPC and JSON-RPC encoding exactly as xapi writes it, shared by the
 * client (`src/xenapi`) and the simulator (`src/simulator`). Pure functions, no I/O.
 */
export * from './values';
export type { IntEncoding, XmlRpcEncodeOptions, XmlRpcCall, XmlRpcResponse } from './xmlrpc';
export {
  escapeXml,
  encodeValue,
  encodeMethodCall,
  encodeMethodResponse,
  encodeFault,
  decodeMethodCall,
  decodeMethodResponse,
  decodeValue,
  decodeXapiResponse,
} from './xmlrpc';
export type { JsonRpcVersion, JsonRpcId, JsonRpcRequest } from './jsonrpc';
export {
  JsonRpcRequestError,
  encodeJson,
  encodeJsonRpcRequest,
  encodeJsonRpcSuccess,
  encodeJsonRpcFailure,
  checkJsonDepth,
  decodeJsonRpcRequest,
  decodeJsonRpcResponse,
} from './jsonrpc';
