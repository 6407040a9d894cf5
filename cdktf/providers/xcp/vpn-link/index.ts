// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VpnLinkConfig extends cdktf.TerraformMetaArguments {
  /**
  * Expected throughput of the link in Mbit/s; plans use it to estimate how long migrations over the link take. Must be a whole number of at least 1. Defaults to `1000`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#bandwidth_mbps VpnLink#bandwidth_mbps}
  */
  readonly bandwidthMbps?: number;
  /**
  * Dead peer detection. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#dpd VpnLink#dpd}
  */
  readonly dpd?: boolean | cdktf.IResolvable;
  /**
  * ESP SA lifetime in seconds. Must be a whole number of at least 60. Defaults to `3600`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#esp_lifetime VpnLink#esp_lifetime}
  */
  readonly espLifetime?: number;
  /**
  * ESP proposal, e.g. `aes256gcm16`. Defaults to `"aes256gcm16"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#esp_policy VpnLink#esp_policy}
  */
  readonly espPolicy?: string;
  /**
  * Force UDP encapsulation of ESP (NAT traversal). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#force_encap VpnLink#force_encap}
  */
  readonly forceEncap?: boolean | cdktf.IResolvable;
  /**
  * IKE SA lifetime in seconds. Must be a whole number of at least 60. Defaults to `28800`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#ike_lifetime VpnLink#ike_lifetime}
  */
  readonly ikeLifetime?: number;
  /**
  * IKE proposal, e.g. `aes256-sha256-modp2048`. Defaults to `"aes256-sha256-modp2048"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#ike_policy VpnLink#ike_policy}
  */
  readonly ikePolicy?: string;
  /**
  * IKE version for IPsec. Must be a whole number between 1 and 2. Defaults to `2`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#ike_version VpnLink#ike_version}
  */
  readonly ikeVersion?: number;
  /**
  * UDP port of the WireGuard endpoints. Must be a whole number between 1 and 65535. Defaults to `51820`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#listen_port VpnLink#listen_port}
  */
  readonly listenPort?: number;
  /**
  * Networks on the `pool` side routed through the link. Must be an IPv4 CIDR block; length between 1 and any. The gateways are reconfigured and the tunnel restarts (a brief drop).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#local_cidrs VpnLink#local_cidrs}
  */
  readonly localCidrs: string[];
  /**
  * MTU inside the tunnel. Must be a whole number between 576 and 9000. Defaults to `1420`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#mtu VpnLink#mtu}
  */
  readonly mtu?: number;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#name_description VpnLink#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#name_label VpnLink#name_label}
  */
  readonly nameLabel: string;
  /**
  * Name or UUID of the network of `pool` joined by the link. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#network VpnLink#network}
  */
  readonly network: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#other_config VpnLink#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * The local gateway only answers; the remote one initiates. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#passive VpnLink#passive}
  */
  readonly passive?: boolean | cdktf.IResolvable;
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#pool VpnLink#pool}
  */
  readonly pool?: string;
  /**
  * WireGuard private key of the local gateway (base64). Generated when left out. A change rotates it in place.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#private_key VpnLink#private_key}
  */
  readonly privateKey?: string;
  /**
  * `wireguard` or `ipsec` (IKEv2 with a pre-shared key). Must be one of `wireguard`, `ipsec`. Defaults to `"wireguard"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#protocol VpnLink#protocol}
  */
  readonly protocol?: string;
  /**
  * IPsec pre-shared key. A change rekeys the tunnel in place. Must be length between 16 and any.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#psk VpnLink#psk}
  */
  readonly psk?: string;
  /**
  * Networks on the `remote_pool` side routed through the link. Must be an IPv4 CIDR block; length between 1 and any. The gateways are reconfigured and the tunnel restarts (a brief drop).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_cidrs VpnLink#remote_cidrs}
  */
  readonly remoteCidrs: string[];
  /**
  * Name or UUID of the network of `remote_pool` joined by the link. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_network VpnLink#remote_network}
  */
  readonly remoteNetwork: string;
  /**
  * The other pool (a key of the provider's `pools`), usually the cloud pool. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_pool VpnLink#remote_pool}
  */
  readonly remotePool: string;
  /**
  * WireGuard private key of the remote gateway (base64). Generated when left out.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_private_key VpnLink#remote_private_key}
  */
  readonly remotePrivateKey?: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#tags VpnLink#tags}
  */
  readonly tags?: string[];
  /**
  * gateway block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#gateway VpnLink#gateway}
  */
  readonly gateway?: VpnLinkGateway;
}
export interface VpnLinkGateway {
  /**
  * Memory of each gateway VM in bytes. Must be a whole number of at least 134217728. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Defaults to `536870912`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#memory VpnLink#memory}
  */
  readonly memory?: number;
  /**
  * Endpoint address of the local gateway on the uplink. Must be an IPv4 address. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#public_ip VpnLink#public_ip}
  */
  readonly publicIp?: string;
  /**
  * Endpoint address of the remote gateway on its uplink. Must be an IPv4 address. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_public_ip VpnLink#remote_public_ip}
  */
  readonly remotePublicIp?: string;
  /**
  * Network of the remote pool that reaches this site. Defaults to its management network. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#remote_uplink_network VpnLink#remote_uplink_network}
  */
  readonly remoteUplinkNetwork?: string;
  /**
  * Name or UUID of the Linux template the gateway VMs are cloned from, in each pool. Defaults to `Debian Bookworm 12`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#template VpnLink#template}
  */
  readonly template?: string;
  /**
  * Network of the local pool that reaches the other site. Defaults to the management network. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#uplink_network VpnLink#uplink_network}
  */
  readonly uplinkNetwork?: string;
  /**
  * vCPUs of each gateway VM. Must be a whole number between 1 and 16. Defaults to `1`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#vcpus VpnLink#vcpus}
  */
  readonly vcpus?: number;
}

export function vpnLinkGatewayToTerraform(struct?: VpnLinkGateway | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    memory: cdktf.numberToTerraform(struct!.memory),
    public_ip: cdktf.stringToTerraform(struct!.publicIp),
    remote_public_ip: cdktf.stringToTerraform(struct!.remotePublicIp),
    remote_uplink_network: cdktf.stringToTerraform(struct!.remoteUplinkNetwork),
    template: cdktf.stringToTerraform(struct!.template),
    uplink_network: cdktf.stringToTerraform(struct!.uplinkNetwork),
    vcpus: cdktf.numberToTerraform(struct!.vcpus),
  }
}


export function vpnLinkGatewayToHclTerraform(struct?: VpnLinkGateway | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    memory: {
      value: cdktf.numberToHclTerraform(struct!.memory),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    public_ip: {
      value: cdktf.stringToHclTerraform(struct!.publicIp),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    remote_public_ip: {
      value: cdktf.stringToHclTerraform(struct!.remotePublicIp),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    remote_uplink_network: {
      value: cdktf.stringToHclTerraform(struct!.remoteUplinkNetwork),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    template: {
      value: cdktf.stringToHclTerraform(struct!.template),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    uplink_network: {
      value: cdktf.stringToHclTerraform(struct!.uplinkNetwork),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    vcpus: {
      value: cdktf.numberToHclTerraform(struct!.vcpus),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VpnLinkGatewayOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VpnLinkGateway | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._memory !== undefined) {
      hasAnyValues = true;
      internalValueResult.memory = this._memory;
    }
    if (this._publicIp !== undefined) {
      hasAnyValues = true;
      internalValueResult.publicIp = this._publicIp;
    }
    if (this._remotePublicIp !== undefined) {
      hasAnyValues = true;
      internalValueResult.remotePublicIp = this._remotePublicIp;
    }
    if (this._remoteUplinkNetwork !== undefined) {
      hasAnyValues = true;
      internalValueResult.remoteUplinkNetwork = this._remoteUplinkNetwork;
    }
    if (this._template !== undefined) {
      hasAnyValues = true;
      internalValueResult.template = this._template;
    }
    if (this._uplinkNetwork !== undefined) {
      hasAnyValues = true;
      internalValueResult.uplinkNetwork = this._uplinkNetwork;
    }
    if (this._vcpus !== undefined) {
      hasAnyValues = true;
      internalValueResult.vcpus = this._vcpus;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VpnLinkGateway | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._memory = undefined;
      this._publicIp = undefined;
      this._remotePublicIp = undefined;
      this._remoteUplinkNetwork = undefined;
      this._template = undefined;
      this._uplinkNetwork = undefined;
      this._vcpus = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._memory = value.memory;
      this._publicIp = value.publicIp;
      this._remotePublicIp = value.remotePublicIp;
      this._remoteUplinkNetwork = value.remoteUplinkNetwork;
      this._template = value.template;
      this._uplinkNetwork = value.uplinkNetwork;
      this._vcpus = value.vcpus;
    }
  }

  // memory - computed: true, optional: true, required: false
  private _memory?: number; 
  public get memory() {
    return this.getNumberAttribute('memory');
  }
  public set memory(value: number) {
    this._memory = value;
  }
  public resetMemory() {
    this._memory = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryInput() {
    return this._memory;
  }

  // public_ip - computed: true, optional: true, required: false
  private _publicIp?: string; 
  public get publicIp() {
    return this.getStringAttribute('public_ip');
  }
  public set publicIp(value: string) {
    this._publicIp = value;
  }
  public resetPublicIp() {
    this._publicIp = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get publicIpInput() {
    return this._publicIp;
  }

  // remote_public_ip - computed: true, optional: true, required: false
  private _remotePublicIp?: string; 
  public get remotePublicIp() {
    return this.getStringAttribute('remote_public_ip');
  }
  public set remotePublicIp(value: string) {
    this._remotePublicIp = value;
  }
  public resetRemotePublicIp() {
    this._remotePublicIp = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get remotePublicIpInput() {
    return this._remotePublicIp;
  }

  // remote_uplink_network - computed: true, optional: true, required: false
  private _remoteUplinkNetwork?: string; 
  public get remoteUplinkNetwork() {
    return this.getStringAttribute('remote_uplink_network');
  }
  public set remoteUplinkNetwork(value: string) {
    this._remoteUplinkNetwork = value;
  }
  public resetRemoteUplinkNetwork() {
    this._remoteUplinkNetwork = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get remoteUplinkNetworkInput() {
    return this._remoteUplinkNetwork;
  }

  // template - computed: true, optional: true, required: false
  private _template?: string; 
  public get template() {
    return this.getStringAttribute('template');
  }
  public set template(value: string) {
    this._template = value;
  }
  public resetTemplate() {
    this._template = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get templateInput() {
    return this._template;
  }

  // uplink_network - computed: true, optional: true, required: false
  private _uplinkNetwork?: string; 
  public get uplinkNetwork() {
    return this.getStringAttribute('uplink_network');
  }
  public set uplinkNetwork(value: string) {
    this._uplinkNetwork = value;
  }
  public resetUplinkNetwork() {
    this._uplinkNetwork = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get uplinkNetworkInput() {
    return this._uplinkNetwork;
  }

  // vcpus - computed: true, optional: true, required: false
  private _vcpus?: number; 
  public get vcpus() {
    return this.getNumberAttribute('vcpus');
  }
  public set vcpus(value: number) {
    this._vcpus = value;
  }
  public resetVcpus() {
    this._vcpus = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vcpusInput() {
    return this._vcpus;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link xcp_vpn_link}
*/
export class VpnLink extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_vpn_link";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VpnLink resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VpnLink to import
  * @param importFromId The id of the existing VpnLink that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VpnLink to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_vpn_link", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vpn_link xcp_vpn_link} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VpnLinkConfig
  */
  public constructor(scope: Construct, id: string, config: VpnLinkConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_vpn_link',
      terraformGeneratorMetadata: {
        providerName: 'xcp',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._bandwidthMbps = config.bandwidthMbps;
    this._dpd = config.dpd;
    this._espLifetime = config.espLifetime;
    this._espPolicy = config.espPolicy;
    this._forceEncap = config.forceEncap;
    this._ikeLifetime = config.ikeLifetime;
    this._ikePolicy = config.ikePolicy;
    this._ikeVersion = config.ikeVersion;
    this._listenPort = config.listenPort;
    this._localCidrs = config.localCidrs;
    this._mtu = config.mtu;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._network = config.network;
    this._otherConfig = config.otherConfig;
    this._passive = config.passive;
    this._pool = config.pool;
    this._privateKey = config.privateKey;
    this._protocol = config.protocol;
    this._psk = config.psk;
    this._remoteCidrs = config.remoteCidrs;
    this._remoteNetwork = config.remoteNetwork;
    this._remotePool = config.remotePool;
    this._remotePrivateKey = config.remotePrivateKey;
    this._tags = config.tags;
    this._gateway.internalValue = config.gateway;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // bandwidth_mbps - computed: true, optional: true, required: false
  private _bandwidthMbps?: number; 
  public get bandwidthMbps() {
    return this.getNumberAttribute('bandwidth_mbps');
  }
  public set bandwidthMbps(value: number) {
    this._bandwidthMbps = value;
  }
  public resetBandwidthMbps() {
    this._bandwidthMbps = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bandwidthMbpsInput() {
    return this._bandwidthMbps;
  }

  // bytes_in - computed: true, optional: false, required: false
  public get bytesIn() {
    return this.getNumberAttribute('bytes_in');
  }

  // bytes_out - computed: true, optional: false, required: false
  public get bytesOut() {
    return this.getNumberAttribute('bytes_out');
  }

  // dpd - computed: true, optional: true, required: false
  private _dpd?: boolean | cdktf.IResolvable; 
  public get dpd() {
    return this.getBooleanAttribute('dpd');
  }
  public set dpd(value: boolean | cdktf.IResolvable) {
    this._dpd = value;
  }
  public resetDpd() {
    this._dpd = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dpdInput() {
    return this._dpd;
  }

  // esp_lifetime - computed: true, optional: true, required: false
  private _espLifetime?: number; 
  public get espLifetime() {
    return this.getNumberAttribute('esp_lifetime');
  }
  public set espLifetime(value: number) {
    this._espLifetime = value;
  }
  public resetEspLifetime() {
    this._espLifetime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get espLifetimeInput() {
    return this._espLifetime;
  }

  // esp_policy - computed: true, optional: true, required: false
  private _espPolicy?: string; 
  public get espPolicy() {
    return this.getStringAttribute('esp_policy');
  }
  public set espPolicy(value: string) {
    this._espPolicy = value;
  }
  public resetEspPolicy() {
    this._espPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get espPolicyInput() {
    return this._espPolicy;
  }

  // force_encap - computed: true, optional: true, required: false
  private _forceEncap?: boolean | cdktf.IResolvable; 
  public get forceEncap() {
    return this.getBooleanAttribute('force_encap');
  }
  public set forceEncap(value: boolean | cdktf.IResolvable) {
    this._forceEncap = value;
  }
  public resetForceEncap() {
    this._forceEncap = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceEncapInput() {
    return this._forceEncap;
  }

  // gateway_vm - computed: true, optional: false, required: false
  public get gatewayVm() {
    return this.getStringAttribute('gateway_vm');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // ike_lifetime - computed: true, optional: true, required: false
  private _ikeLifetime?: number; 
  public get ikeLifetime() {
    return this.getNumberAttribute('ike_lifetime');
  }
  public set ikeLifetime(value: number) {
    this._ikeLifetime = value;
  }
  public resetIkeLifetime() {
    this._ikeLifetime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ikeLifetimeInput() {
    return this._ikeLifetime;
  }

  // ike_policy - computed: true, optional: true, required: false
  private _ikePolicy?: string; 
  public get ikePolicy() {
    return this.getStringAttribute('ike_policy');
  }
  public set ikePolicy(value: string) {
    this._ikePolicy = value;
  }
  public resetIkePolicy() {
    this._ikePolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ikePolicyInput() {
    return this._ikePolicy;
  }

  // ike_version - computed: true, optional: true, required: false
  private _ikeVersion?: number; 
  public get ikeVersion() {
    return this.getNumberAttribute('ike_version');
  }
  public set ikeVersion(value: number) {
    this._ikeVersion = value;
  }
  public resetIkeVersion() {
    this._ikeVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ikeVersionInput() {
    return this._ikeVersion;
  }

  // last_handshake - computed: true, optional: false, required: false
  public get lastHandshake() {
    return this.getStringAttribute('last_handshake');
  }

  // listen_port - computed: true, optional: true, required: false
  private _listenPort?: number; 
  public get listenPort() {
    return this.getNumberAttribute('listen_port');
  }
  public set listenPort(value: number) {
    this._listenPort = value;
  }
  public resetListenPort() {
    this._listenPort = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get listenPortInput() {
    return this._listenPort;
  }

  // local_cidrs - computed: false, optional: false, required: true
  private _localCidrs?: string[]; 
  public get localCidrs() {
    return this.getListAttribute('local_cidrs');
  }
  public set localCidrs(value: string[]) {
    this._localCidrs = value;
  }
  // Temporarily expose input value. Use with caution.
  public get localCidrsInput() {
    return this._localCidrs;
  }

  // mtu - computed: true, optional: true, required: false
  private _mtu?: number; 
  public get mtu() {
    return this.getNumberAttribute('mtu');
  }
  public set mtu(value: number) {
    this._mtu = value;
  }
  public resetMtu() {
    this._mtu = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mtuInput() {
    return this._mtu;
  }

  // name_description - computed: true, optional: true, required: false
  private _nameDescription?: string; 
  public get nameDescription() {
    return this.getStringAttribute('name_description');
  }
  public set nameDescription(value: string) {
    this._nameDescription = value;
  }
  public resetNameDescription() {
    this._nameDescription = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameDescriptionInput() {
    return this._nameDescription;
  }

  // name_label - computed: false, optional: false, required: true
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // network - computed: false, optional: false, required: true
  private _network?: string; 
  public get network() {
    return this.getStringAttribute('network');
  }
  public set network(value: string) {
    this._network = value;
  }
  // Temporarily expose input value. Use with caution.
  public get networkInput() {
    return this._network;
  }

  // other_config - computed: true, optional: true, required: false
  private _otherConfig?: { [key: string]: string }; 
  public get otherConfig() {
    return this.getStringMapAttribute('other_config');
  }
  public set otherConfig(value: { [key: string]: string }) {
    this._otherConfig = value;
  }
  public resetOtherConfig() {
    this._otherConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get otherConfigInput() {
    return this._otherConfig;
  }

  // passive - computed: true, optional: true, required: false
  private _passive?: boolean | cdktf.IResolvable; 
  public get passive() {
    return this.getBooleanAttribute('passive');
  }
  public set passive(value: boolean | cdktf.IResolvable) {
    this._passive = value;
  }
  public resetPassive() {
    this._passive = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get passiveInput() {
    return this._passive;
  }

  // pool - computed: true, optional: true, required: false
  private _pool?: string; 
  public get pool() {
    return this.getStringAttribute('pool');
  }
  public set pool(value: string) {
    this._pool = value;
  }
  public resetPool() {
    this._pool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get poolInput() {
    return this._pool;
  }

  // private_key - computed: false, optional: true, required: false
  private _privateKey?: string; 
  public get privateKey() {
    return this.getStringAttribute('private_key');
  }
  public set privateKey(value: string) {
    this._privateKey = value;
  }
  public resetPrivateKey() {
    this._privateKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get privateKeyInput() {
    return this._privateKey;
  }

  // protocol - computed: true, optional: true, required: false
  private _protocol?: string; 
  public get protocol() {
    return this.getStringAttribute('protocol');
  }
  public set protocol(value: string) {
    this._protocol = value;
  }
  public resetProtocol() {
    this._protocol = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get protocolInput() {
    return this._protocol;
  }

  // psk - computed: false, optional: true, required: false
  private _psk?: string; 
  public get psk() {
    return this.getStringAttribute('psk');
  }
  public set psk(value: string) {
    this._psk = value;
  }
  public resetPsk() {
    this._psk = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pskInput() {
    return this._psk;
  }

  // public_key - computed: true, optional: false, required: false
  public get publicKey() {
    return this.getStringAttribute('public_key');
  }

  // remote_cidrs - computed: false, optional: false, required: true
  private _remoteCidrs?: string[]; 
  public get remoteCidrs() {
    return this.getListAttribute('remote_cidrs');
  }
  public set remoteCidrs(value: string[]) {
    this._remoteCidrs = value;
  }
  // Temporarily expose input value. Use with caution.
  public get remoteCidrsInput() {
    return this._remoteCidrs;
  }

  // remote_gateway_vm - computed: true, optional: false, required: false
  public get remoteGatewayVm() {
    return this.getStringAttribute('remote_gateway_vm');
  }

  // remote_network - computed: false, optional: false, required: true
  private _remoteNetwork?: string; 
  public get remoteNetwork() {
    return this.getStringAttribute('remote_network');
  }
  public set remoteNetwork(value: string) {
    this._remoteNetwork = value;
  }
  // Temporarily expose input value. Use with caution.
  public get remoteNetworkInput() {
    return this._remoteNetwork;
  }

  // remote_pool - computed: false, optional: false, required: true
  private _remotePool?: string; 
  public get remotePool() {
    return this.getStringAttribute('remote_pool');
  }
  public set remotePool(value: string) {
    this._remotePool = value;
  }
  // Temporarily expose input value. Use with caution.
  public get remotePoolInput() {
    return this._remotePool;
  }

  // remote_private_key - computed: false, optional: true, required: false
  private _remotePrivateKey?: string; 
  public get remotePrivateKey() {
    return this.getStringAttribute('remote_private_key');
  }
  public set remotePrivateKey(value: string) {
    this._remotePrivateKey = value;
  }
  public resetRemotePrivateKey() {
    this._remotePrivateKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get remotePrivateKeyInput() {
    return this._remotePrivateKey;
  }

  // remote_public_key - computed: true, optional: false, required: false
  public get remotePublicKey() {
    return this.getStringAttribute('remote_public_key');
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // tags - computed: true, optional: true, required: false
  private _tags?: string[]; 
  public get tags() {
    return cdktf.Fn.tolist(this.getListAttribute('tags'));
  }
  public set tags(value: string[]) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // gateway - computed: false, optional: true, required: false
  private _gateway = new VpnLinkGatewayOutputReference(this, "gateway");
  public get gateway() {
    return this._gateway;
  }
  public putGateway(value: VpnLinkGateway) {
    this._gateway.internalValue = value;
  }
  public resetGateway() {
    this._gateway.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gatewayInput() {
    return this._gateway.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      bandwidth_mbps: cdktf.numberToTerraform(this._bandwidthMbps),
      dpd: cdktf.booleanToTerraform(this._dpd),
      esp_lifetime: cdktf.numberToTerraform(this._espLifetime),
      esp_policy: cdktf.stringToTerraform(this._espPolicy),
      force_encap: cdktf.booleanToTerraform(this._forceEncap),
      ike_lifetime: cdktf.numberToTerraform(this._ikeLifetime),
      ike_policy: cdktf.stringToTerraform(this._ikePolicy),
      ike_version: cdktf.numberToTerraform(this._ikeVersion),
      listen_port: cdktf.numberToTerraform(this._listenPort),
      local_cidrs: cdktf.listMapper(cdktf.stringToTerraform, false)(this._localCidrs),
      mtu: cdktf.numberToTerraform(this._mtu),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      network: cdktf.stringToTerraform(this._network),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      passive: cdktf.booleanToTerraform(this._passive),
      pool: cdktf.stringToTerraform(this._pool),
      private_key: cdktf.stringToTerraform(this._privateKey),
      protocol: cdktf.stringToTerraform(this._protocol),
      psk: cdktf.stringToTerraform(this._psk),
      remote_cidrs: cdktf.listMapper(cdktf.stringToTerraform, false)(this._remoteCidrs),
      remote_network: cdktf.stringToTerraform(this._remoteNetwork),
      remote_pool: cdktf.stringToTerraform(this._remotePool),
      remote_private_key: cdktf.stringToTerraform(this._remotePrivateKey),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      gateway: vpnLinkGatewayToTerraform(this._gateway.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      bandwidth_mbps: {
        value: cdktf.numberToHclTerraform(this._bandwidthMbps),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      dpd: {
        value: cdktf.booleanToHclTerraform(this._dpd),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      esp_lifetime: {
        value: cdktf.numberToHclTerraform(this._espLifetime),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      esp_policy: {
        value: cdktf.stringToHclTerraform(this._espPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      force_encap: {
        value: cdktf.booleanToHclTerraform(this._forceEncap),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      ike_lifetime: {
        value: cdktf.numberToHclTerraform(this._ikeLifetime),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      ike_policy: {
        value: cdktf.stringToHclTerraform(this._ikePolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ike_version: {
        value: cdktf.numberToHclTerraform(this._ikeVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      listen_port: {
        value: cdktf.numberToHclTerraform(this._listenPort),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      local_cidrs: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._localCidrs),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      mtu: {
        value: cdktf.numberToHclTerraform(this._mtu),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      name_description: {
        value: cdktf.stringToHclTerraform(this._nameDescription),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name_label: {
        value: cdktf.stringToHclTerraform(this._nameLabel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      network: {
        value: cdktf.stringToHclTerraform(this._network),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      other_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._otherConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      passive: {
        value: cdktf.booleanToHclTerraform(this._passive),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      pool: {
        value: cdktf.stringToHclTerraform(this._pool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      private_key: {
        value: cdktf.stringToHclTerraform(this._privateKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      protocol: {
        value: cdktf.stringToHclTerraform(this._protocol),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      psk: {
        value: cdktf.stringToHclTerraform(this._psk),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      remote_cidrs: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._remoteCidrs),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      remote_network: {
        value: cdktf.stringToHclTerraform(this._remoteNetwork),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      remote_pool: {
        value: cdktf.stringToHclTerraform(this._remotePool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      remote_private_key: {
        value: cdktf.stringToHclTerraform(this._remotePrivateKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tags: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._tags),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      gateway: {
        value: vpnLinkGatewayToHclTerraform(this._gateway.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VpnLinkGateway",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
