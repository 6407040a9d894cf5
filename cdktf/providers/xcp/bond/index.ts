// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface BondConfig extends cdktf.TerraformMetaArguments {
  /**
  * lacp only: `tcpudp_ports` or `src_mac` (bond property `hashing_algorithm`). Left out, XAPI uses `tcpudp_ports` and xcpform leaves it as it is. Must be one of `tcpudp_ports`, `src_mac`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#hashing_algorithm Bond#hashing_algorithm}
  */
  readonly hashingAlgorithm?: string;
  /**
  * Name or UUID of the host whose interfaces are bonded. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#host Bond#host}
  */
  readonly host: string;
  /**
  * lacp only: `slow` or `fast` LACPDU rate (bond property `lacp-time`). Left out, XAPI uses `slow` and xcpform leaves it as it is. Must be one of `slow`, `fast`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#lacp_time Bond#lacp_time}
  */
  readonly lacpTime?: string;
  /**
  * MAC address of the bond; colons or dashes. Defaults to the primary member's. Must be a MAC address such as 02:00:5e:10:00:01. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#mac Bond#mac}
  */
  readonly mac?: string;
  /**
  * The interfaces to bond: device names (`eth2`) or PIF UUIDs of that host, at least two. A change of members makes a new bond. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#members Bond#members}
  */
  readonly members: string[];
  /**
  * How traffic is spread over the members: `balance-slb`, `active-backup` or `lacp` (`Bond.set_mode`). Must be one of `balance-slb`, `active-backup`, `lacp`. Defaults to `"balance-slb"`. The bond is re-plugged, a short interruption of its traffic.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#mode Bond#mode}
  */
  readonly mode?: string;
  /**
  * Description of the network the bond creates. With `network` set, leave it out (read as null).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#name_description Bond#name_description}
  */
  readonly nameDescription?: string;
  /**
  * Name of the network the bond creates (default `Bond of <members>`). With `network` set the name belongs to that network: leave it out (read as null).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#name_label Bond#name_label}
  */
  readonly nameLabel?: string;
  /**
  * UUID or name of an existing network for the bond (the same network on every host makes a pool-wide bonded network). Left out, xcpform creates one named `name_label` and destroys it with the bond. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#network Bond#network}
  */
  readonly network?: string;
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#pool Bond#pool}
  */
  readonly pool?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond xcp_bond}
*/
export class Bond extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_bond";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Bond resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Bond to import
  * @param importFromId The id of the existing Bond that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Bond to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_bond", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/bond xcp_bond} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options BondConfig
  */
  public constructor(scope: Construct, id: string, config: BondConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_bond',
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
    this._hashingAlgorithm = config.hashingAlgorithm;
    this._host = config.host;
    this._lacpTime = config.lacpTime;
    this._mac = config.mac;
    this._members = config.members;
    this._mode = config.mode;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._network = config.network;
    this._pool = config.pool;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // bridge - computed: true, optional: false, required: false
  public get bridge() {
    return this.getStringAttribute('bridge');
  }

  // device - computed: true, optional: false, required: false
  public get device() {
    return this.getStringAttribute('device');
  }

  // hashing_algorithm - computed: false, optional: true, required: false
  private _hashingAlgorithm?: string; 
  public get hashingAlgorithm() {
    return this.getStringAttribute('hashing_algorithm');
  }
  public set hashingAlgorithm(value: string) {
    this._hashingAlgorithm = value;
  }
  public resetHashingAlgorithm() {
    this._hashingAlgorithm = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hashingAlgorithmInput() {
    return this._hashingAlgorithm;
  }

  // host - computed: false, optional: false, required: true
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // lacp_time - computed: false, optional: true, required: false
  private _lacpTime?: string; 
  public get lacpTime() {
    return this.getStringAttribute('lacp_time');
  }
  public set lacpTime(value: string) {
    this._lacpTime = value;
  }
  public resetLacpTime() {
    this._lacpTime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get lacpTimeInput() {
    return this._lacpTime;
  }

  // mac - computed: true, optional: true, required: false
  private _mac?: string; 
  public get mac() {
    return this.getStringAttribute('mac');
  }
  public set mac(value: string) {
    this._mac = value;
  }
  public resetMac() {
    this._mac = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get macInput() {
    return this._mac;
  }

  // master_pif - computed: true, optional: false, required: false
  public get masterPif() {
    return this.getStringAttribute('master_pif');
  }

  // members - computed: false, optional: false, required: true
  private _members?: string[]; 
  public get members() {
    return cdktf.Fn.tolist(this.getListAttribute('members'));
  }
  public set members(value: string[]) {
    this._members = value;
  }
  // Temporarily expose input value. Use with caution.
  public get membersInput() {
    return this._members;
  }

  // mode - computed: true, optional: true, required: false
  private _mode?: string; 
  public get mode() {
    return this.getStringAttribute('mode');
  }
  public set mode(value: string) {
    this._mode = value;
  }
  public resetMode() {
    this._mode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get modeInput() {
    return this._mode;
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

  // name_label - computed: true, optional: true, required: false
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  public resetNameLabel() {
    this._nameLabel = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // network - computed: true, optional: true, required: false
  private _network?: string; 
  public get network() {
    return this.getStringAttribute('network');
  }
  public set network(value: string) {
    this._network = value;
  }
  public resetNetwork() {
    this._network = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get networkInput() {
    return this._network;
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

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      hashing_algorithm: cdktf.stringToTerraform(this._hashingAlgorithm),
      host: cdktf.stringToTerraform(this._host),
      lacp_time: cdktf.stringToTerraform(this._lacpTime),
      mac: cdktf.stringToTerraform(this._mac),
      members: cdktf.listMapper(cdktf.stringToTerraform, false)(this._members),
      mode: cdktf.stringToTerraform(this._mode),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      network: cdktf.stringToTerraform(this._network),
      pool: cdktf.stringToTerraform(this._pool),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      hashing_algorithm: {
        value: cdktf.stringToHclTerraform(this._hashingAlgorithm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      host: {
        value: cdktf.stringToHclTerraform(this._host),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      lacp_time: {
        value: cdktf.stringToHclTerraform(this._lacpTime),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      mac: {
        value: cdktf.stringToHclTerraform(this._mac),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      members: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._members),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      mode: {
        value: cdktf.stringToHclTerraform(this._mode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
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
      pool: {
        value: cdktf.stringToHclTerraform(this._pool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
