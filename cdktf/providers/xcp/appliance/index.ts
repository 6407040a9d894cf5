// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface ApplianceConfig extends cdktf.TerraformMetaArguments {
  /**
  * Network of the package (by OVF name) to network UUID or name of the pool. Defaults to `{}`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#import_network_map Appliance#import_network_map}
  */
  readonly importNetworkMap?: { [key: string]: string };
  /**
  * UUID or name of the SR for the imported disks. Defaults to the pool's default SR. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#import_sr Appliance#import_sr}
  */
  readonly importSr?: string;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#name_description Appliance#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#name_label Appliance#name_label}
  */
  readonly nameLabel: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#other_config Appliance#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Configuration of the package's DeploymentOptionSection to import (its `ovf:id`). Defaults to the package's default configuration. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#ovf_deployment Appliance#ovf_deployment}
  */
  readonly ovfDeployment?: string;
  /**
  * Path or http(s) URL of an `.ovf` (with its disk files beside it) or `.ova` package imported at creation. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#ovf_source Appliance#ovf_source}
  */
  readonly ovfSource?: string;
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#pool Appliance#pool}
  */
  readonly pool?: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#tags Appliance#tags}
  */
  readonly tags?: string[];
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#timeouts Appliance#timeouts}
  */
  readonly timeouts?: ApplianceTimeouts;
}
export interface ApplianceTimeouts {
  /**
  * Longest time the create (with the copies, imports and waits it makes) may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#create Appliance#create}
  */
  readonly create?: string;
  /**
  * Longest time the destroy may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#delete Appliance#delete}
  */
  readonly delete?: string;
  /**
  * Longest time an update or migration may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#update Appliance#update}
  */
  readonly update?: string;
}

export function applianceTimeoutsToTerraform(struct?: ApplianceTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function applianceTimeoutsToHclTerraform(struct?: ApplianceTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ApplianceTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ApplianceTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ApplianceTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance xcp_appliance}
*/
export class Appliance extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_appliance";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Appliance resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Appliance to import
  * @param importFromId The id of the existing Appliance that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Appliance to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_appliance", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/appliance xcp_appliance} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ApplianceConfig
  */
  public constructor(scope: Construct, id: string, config: ApplianceConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_appliance',
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
    this._importNetworkMap = config.importNetworkMap;
    this._importSr = config.importSr;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._otherConfig = config.otherConfig;
    this._ovfDeployment = config.ovfDeployment;
    this._ovfSource = config.ovfSource;
    this._pool = config.pool;
    this._tags = config.tags;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // allowed_operations - computed: true, optional: false, required: false
  public get allowedOperations() {
    return this.getListAttribute('allowed_operations');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // import_network_map - computed: true, optional: true, required: false
  private _importNetworkMap?: { [key: string]: string }; 
  public get importNetworkMap() {
    return this.getStringMapAttribute('import_network_map');
  }
  public set importNetworkMap(value: { [key: string]: string }) {
    this._importNetworkMap = value;
  }
  public resetImportNetworkMap() {
    this._importNetworkMap = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get importNetworkMapInput() {
    return this._importNetworkMap;
  }

  // import_sr - computed: true, optional: true, required: false
  private _importSr?: string; 
  public get importSr() {
    return this.getStringAttribute('import_sr');
  }
  public set importSr(value: string) {
    this._importSr = value;
  }
  public resetImportSr() {
    this._importSr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get importSrInput() {
    return this._importSr;
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

  // ovf_deployment - computed: false, optional: true, required: false
  private _ovfDeployment?: string; 
  public get ovfDeployment() {
    return this.getStringAttribute('ovf_deployment');
  }
  public set ovfDeployment(value: string) {
    this._ovfDeployment = value;
  }
  public resetOvfDeployment() {
    this._ovfDeployment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ovfDeploymentInput() {
    return this._ovfDeployment;
  }

  // ovf_source - computed: false, optional: true, required: false
  private _ovfSource?: string; 
  public get ovfSource() {
    return this.getStringAttribute('ovf_source');
  }
  public set ovfSource(value: string) {
    this._ovfSource = value;
  }
  public resetOvfSource() {
    this._ovfSource = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ovfSourceInput() {
    return this._ovfSource;
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

  // power_state - computed: true, optional: false, required: false
  public get powerState() {
    return this.getStringAttribute('power_state');
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

  // vms - computed: true, optional: false, required: false
  public get vms() {
    return cdktf.Fn.tolist(this.getListAttribute('vms'));
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new ApplianceTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: ApplianceTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      import_network_map: cdktf.hashMapper(cdktf.stringToTerraform)(this._importNetworkMap),
      import_sr: cdktf.stringToTerraform(this._importSr),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      ovf_deployment: cdktf.stringToTerraform(this._ovfDeployment),
      ovf_source: cdktf.stringToTerraform(this._ovfSource),
      pool: cdktf.stringToTerraform(this._pool),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      timeouts: applianceTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      import_network_map: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._importNetworkMap),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      import_sr: {
        value: cdktf.stringToHclTerraform(this._importSr),
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
      other_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._otherConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      ovf_deployment: {
        value: cdktf.stringToHclTerraform(this._ovfDeployment),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ovf_source: {
        value: cdktf.stringToHclTerraform(this._ovfSource),
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
      tags: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._tags),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      timeouts: {
        value: applianceTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ApplianceTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
