// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataXcpVdiConfig extends cdktf.TerraformMetaArguments {
  /**
  * Name of the VDI. The lookup fails, listing the candidates, when several match.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#name_label DataXcpVdi#name_label}
  */
  readonly nameLabel?: string;
  /**
  * Pool to search (a key of the provider's `pools`). Defaults to the provider's default pool.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#pool DataXcpVdi#pool}
  */
  readonly pool?: string;
  /**
  * Only VDIs on this SR (name or UUID).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#sr DataXcpVdi#sr}
  */
  readonly sr?: string;
  /**
  * Only VDIs carrying all these tags.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#tags DataXcpVdi#tags}
  */
  readonly tags?: string[];
  /**
  * UUID of the VDI.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#uuid DataXcpVdi#uuid}
  */
  readonly uuid?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi xcp_vdi}
*/
export class DataXcpVdi extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_vdi";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataXcpVdi resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataXcpVdi to import
  * @param importFromId The id of the existing DataXcpVdi that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataXcpVdi to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_vdi", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/data-sources/vdi xcp_vdi} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataXcpVdiConfig = {}
  */
  public constructor(scope: Construct, id: string, config: DataXcpVdiConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'xcp_vdi',
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
    this._nameLabel = config.nameLabel;
    this._pool = config.pool;
    this._sr = config.sr;
    this._tags = config.tags;
    this._uuid = config.uuid;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // name_description - computed: true, optional: false, required: false
  public get nameDescription() {
    return this.getStringAttribute('name_description');
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

  // other_config - computed: true, optional: false, required: false
  private _otherConfig = new cdktf.StringMap(this, "other_config");
  public get otherConfig() {
    return this._otherConfig;
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

  // read_only - computed: true, optional: false, required: false
  public get readOnly() {
    return this.getBooleanAttribute('read_only');
  }

  // sharable - computed: true, optional: false, required: false
  public get sharable() {
    return this.getBooleanAttribute('sharable');
  }

  // size - computed: true, optional: false, required: false
  public get size() {
    return this.getNumberAttribute('size');
  }

  // sr - computed: false, optional: true, required: false
  private _sr?: string; 
  public get sr() {
    return this.getStringAttribute('sr');
  }
  public set sr(value: string) {
    this._sr = value;
  }
  public resetSr() {
    this._sr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get srInput() {
    return this._sr;
  }

  // sr_uuid - computed: true, optional: false, required: false
  public get srUuid() {
    return this.getStringAttribute('sr_uuid');
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

  // type - computed: true, optional: false, required: false
  public get type() {
    return this.getStringAttribute('type');
  }

  // uuid - computed: true, optional: true, required: false
  private _uuid?: string; 
  public get uuid() {
    return this.getStringAttribute('uuid');
  }
  public set uuid(value: string) {
    this._uuid = value;
  }
  public resetUuid() {
    this._uuid = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get uuidInput() {
    return this._uuid;
  }

  // vms - computed: true, optional: false, required: false
  public get vms() {
    return this.getListAttribute('vms');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      name_label: cdktf.stringToTerraform(this._nameLabel),
      pool: cdktf.stringToTerraform(this._pool),
      sr: cdktf.stringToTerraform(this._sr),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      uuid: cdktf.stringToTerraform(this._uuid),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      name_label: {
        value: cdktf.stringToHclTerraform(this._nameLabel),
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
      sr: {
        value: cdktf.stringToHclTerraform(this._sr),
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
      uuid: {
        value: cdktf.stringToHclTerraform(this._uuid),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
