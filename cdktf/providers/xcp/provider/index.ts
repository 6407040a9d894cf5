// https://registry.terraform.io/providers/xcpform/xcp/latest/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface XcpProviderConfig {
  /**
  * Pool used by resources that do not set `pool`. Defaults to the first pool name in sorted order (a map has no order); set it when there are several pools.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#default_pool XcpProvider#default_pool}
  */
  readonly defaultPool?: string;
  /**
  * The pools this configuration manages, by name. Resources choose one with their `pool` attribute. Defaults to one embedded pool named `dc1`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#pools XcpProvider#pools}
  */
  readonly pools?: { [key: string]: XcpProviderPools } | cdktf.IResolvable;
  /**
  * Prices for chargeback: plans show the monthly cost delta and `xcpform usage` reports cost per tag.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#rate_card XcpProvider#rate_card}
  */
  readonly rateCard?: XcpProviderRateCard;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#alias XcpProvider#alias}
  */
  readonly alias?: string;
}
export interface XcpProviderPools {
  /**
  * PEM file with the CA certificate that signed the pool's certificate.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#ca_file XcpProvider#ca_file}
  */
  readonly caFile?: string;
  /**
  * Skip TLS certificate verification (self-signed host certificates). Verified by default.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#insecure_tls XcpProvider#insecure_tls}
  */
  readonly insecureTls?: boolean | cdktf.IResolvable;
  /**
  * XAPI password. Defaults to the `XCP_<POOL>_PASSWORD` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#password XcpProvider#password}
  */
  readonly password?: string;
  /**
  * XAPI wire protocol: `jsonrpc` (default) or `xmlrpc`. Must be one of `jsonrpc`, `xmlrpc`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#transport XcpProvider#transport}
  */
  readonly transport?: string;
  /**
  * XAPI URL of the pool coordinator (`https://10.0.0.1`), or `embedded` (the default) for the embedded simulator persisted under `.xcpform/`. Must be "embedded" or an http(s) URL.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#url XcpProvider#url}
  */
  readonly url?: string;
  /**
  * XAPI user. Defaults to `root`, or to the `XCP_<POOL>_USERNAME` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#username XcpProvider#username}
  */
  readonly username?: string;
}

export function xcpProviderPoolsToTerraform(struct?: XcpProviderPools | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    ca_file: cdktf.stringToTerraform(struct!.caFile),
    insecure_tls: cdktf.booleanToTerraform(struct!.insecureTls),
    password: cdktf.stringToTerraform(struct!.password),
    transport: cdktf.stringToTerraform(struct!.transport),
    url: cdktf.stringToTerraform(struct!.url),
    username: cdktf.stringToTerraform(struct!.username),
  }
}


export function xcpProviderPoolsToHclTerraform(struct?: XcpProviderPools | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    ca_file: {
      value: cdktf.stringToHclTerraform(struct!.caFile),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    insecure_tls: {
      value: cdktf.booleanToHclTerraform(struct!.insecureTls),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    password: {
      value: cdktf.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    transport: {
      value: cdktf.stringToHclTerraform(struct!.transport),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    url: {
      value: cdktf.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    username: {
      value: cdktf.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface XcpProviderRateCard {
  /**
  * Currency code shown in cost reports. Defaults to `USD`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#currency XcpProvider#currency}
  */
  readonly currency?: string;
  /**
  * Price of one GiB of memory for one hour. Must be a number of at least 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#memory_gib_hour XcpProvider#memory_gib_hour}
  */
  readonly memoryGibHour?: number;
  /**
  * Price multiplier per pool, e.g. `{ cloud1 = 1.6 }` for the pricier cloud.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#pool_multipliers XcpProvider#pool_multipliers}
  */
  readonly poolMultipliers?: { [key: string]: number };
  /**
  * Price of one GiB of virtual disk for one hour. Must be a number of at least 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#storage_gib_hour XcpProvider#storage_gib_hour}
  */
  readonly storageGibHour?: number;
  /**
  * Price of one vCPU for one hour. Must be a number of at least 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#vcpu_hour XcpProvider#vcpu_hour}
  */
  readonly vcpuHour?: number;
  /**
  * Price of one VPN link for one hour. Must be a number of at least 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#vpn_link_hour XcpProvider#vpn_link_hour}
  */
  readonly vpnLinkHour?: number;
}

export function xcpProviderRateCardToTerraform(struct?: XcpProviderRateCard | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    currency: cdktf.stringToTerraform(struct!.currency),
    memory_gib_hour: cdktf.numberToTerraform(struct!.memoryGibHour),
    pool_multipliers: cdktf.hashMapper(cdktf.numberToTerraform)(struct!.poolMultipliers),
    storage_gib_hour: cdktf.numberToTerraform(struct!.storageGibHour),
    vcpu_hour: cdktf.numberToTerraform(struct!.vcpuHour),
    vpn_link_hour: cdktf.numberToTerraform(struct!.vpnLinkHour),
  }
}


export function xcpProviderRateCardToHclTerraform(struct?: XcpProviderRateCard | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    currency: {
      value: cdktf.stringToHclTerraform(struct!.currency),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    memory_gib_hour: {
      value: cdktf.numberToHclTerraform(struct!.memoryGibHour),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    pool_multipliers: {
      value: cdktf.hashMapperHcl(cdktf.numberToHclTerraform)(struct!.poolMultipliers),
      isBlock: false,
      type: "map",
      storageClassType: "numberMap",
    },
    storage_gib_hour: {
      value: cdktf.numberToHclTerraform(struct!.storageGibHour),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    vcpu_hour: {
      value: cdktf.numberToHclTerraform(struct!.vcpuHour),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    vpn_link_hour: {
      value: cdktf.numberToHclTerraform(struct!.vpnLinkHour),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs xcp}
*/
export class XcpProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a XcpProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the XcpProvider to import
  * @param importFromId The id of the existing XcpProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the XcpProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs xcp} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options XcpProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: XcpProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'xcp',
      terraformGeneratorMetadata: {
        providerName: 'xcp',
        providerVersionConstraint: '~> 0.1'
      },
      terraformProviderSource: 'registry.terraform.io/xcpform/xcp'
    });
    this._defaultPool = config.defaultPool;
    this._pools = config.pools;
    this._rateCard = config.rateCard;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // default_pool - computed: false, optional: true, required: false
  private _defaultPool?: string; 
  public get defaultPool() {
    return this._defaultPool;
  }
  public set defaultPool(value: string | undefined) {
    this._defaultPool = value;
  }
  public resetDefaultPool() {
    this._defaultPool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultPoolInput() {
    return this._defaultPool;
  }

  // pools - computed: false, optional: true, required: false
  private _pools?: { [key: string]: XcpProviderPools } | cdktf.IResolvable; 
  public get pools() {
    return this._pools;
  }
  public set pools(value: { [key: string]: XcpProviderPools } | cdktf.IResolvable | undefined) {
    this._pools = value;
  }
  public resetPools() {
    this._pools = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get poolsInput() {
    return this._pools;
  }

  // rate_card - computed: false, optional: true, required: false
  private _rateCard?: XcpProviderRateCard; 
  public get rateCard() {
    return this._rateCard;
  }
  public set rateCard(value: XcpProviderRateCard | undefined) {
    this._rateCard = value;
  }
  public resetRateCard() {
    this._rateCard = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rateCardInput() {
    return this._rateCard;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      default_pool: cdktf.stringToTerraform(this._defaultPool),
      pools: cdktf.hashMapper(xcpProviderPoolsToTerraform)(this._pools),
      rate_card: xcpProviderRateCardToTerraform(this._rateCard),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      default_pool: {
        value: cdktf.stringToHclTerraform(this._defaultPool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      pools: {
        value: cdktf.hashMapperHcl(xcpProviderPoolsToHclTerraform)(this._pools),
        isBlock: true,
        type: "map",
        storageClassType: "XcpProviderPoolsMap",
      },
      rate_card: {
        value: xcpProviderRateCardToHclTerraform(this._rateCard),
        isBlock: true,
        type: "struct",
        storageClassType: "XcpProviderRateCard",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
